package org.tripapproval.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The short name a unit's request numbers carry: the Chinese part of its group's name. */
class UnitShortNameTest {

  @Test
  void takesTheChinesePartOfTheGroupsName() {
    assertThat(Units.shortNameOf("commerce", "省商务厅 Department of Commerce")).isEqualTo("省商务厅");
    assertThat(Units.shortNameOf("commerce", "Department of Commerce 省商务厅")).isEqualTo("省商务厅");
    assertThat(Units.shortNameOf("commerce", "省商务厅\u3000Department of Commerce")).isEqualTo("省商务厅");
    assertThat(Units.shortNameOf("foreign", "省外办(港澳) Foreign Affairs")).isEqualTo("省外办(港澳)");
  }

  @Test
  void fallsBackToTheGroupsIdWithoutAChineseName() {
    assertThat(Units.shortNameOf("commerce", "Department of Commerce")).isEqualTo("commerce");
    assertThat(Units.shortNameOf("commerce", null)).isEqualTo("commerce");
    assertThat(Units.shortNameOf("commerce", "")).isEqualTo("commerce");
  }

  @Test
  void keepsAtMostFortyCharacters() {
    assertThat(Units.shortNameOf("long", "省" + "很".repeat(60) + "厅 Long"))
        .hasSize(Units.MAX_SHORT_NAME)
        .startsWith("省很");
  }
}
