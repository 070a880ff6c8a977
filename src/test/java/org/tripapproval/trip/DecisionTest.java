package org.tripapproval.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.junit.jupiter.api.Test;

/** The words of decisions and review levels, and the codes the models and forms use for them. */
class DecisionTest {

  @Test
  void everyDecisionAndLevelHasAChineseAndAnEnglishLabel() {
    Stream.of(Decision.values(), ReviewLevel.values())
        .flatMap(Arrays::stream)
        .forEach(
            word -> {
              assertThat(word.zh()).as(word.code()).matches(".*\\p{IsHan}.*");
              assertThat(word.en()).as(word.code()).matches("[A-Z][A-Za-z -]+");
            });
    assertThat(ReviewLevel.UNIT_HEAD.label()).isEqualTo("单位负责人 Unit head");
    assertThat(Decision.SEND_BACK.label()).isEqualTo("退回 Send back");
  }

  @Test
  void theCodesAreTheOnesTheFormsSubmitAndTheDecisionsListKeeps() {
    assertThat(Arrays.stream(Decision.values()).map(Labelled::code))
        .containsExactly(
            "approve", "sendBack", "reject", "accept", "withdraw", "uphold", "dismiss");
    for (Decision decision : Decision.values()) {
      assertThat(Decision.fromCode(decision.code())).isSameAs(decision);
      assertThat(decision.is(decision.code())).isTrue();
    }
    assertThat(Decision.APPROVE.is(null)).isFalse();
    assertThat(Decision.APPROVE.is("APPROVE")).as("codes are case-sensitive").isFalse();
    assertThatThrownBy(() -> Decision.fromCode("maybe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maybe");
  }

  @Test
  void aDecisionAgainstTheRequestNeedsAReason() {
    assertThat(Arrays.stream(Decision.values()).filter(Decision::needsReason))
        .containsExactly(
            Decision.SEND_BACK,
            Decision.REJECT,
            Decision.WITHDRAW,
            Decision.UPHOLD,
            Decision.DISMISS);
  }

  @Test
  void theLevelsAreExactlyTheOnesTheRoutingTableNames() {
    DmnModelInstance table = Dmn.readModelFromFile(new File("bpmn/trip-review-routing.dmn"));
    Set<String> routed =
        table.getModelElementsByType(OutputEntry.class).stream()
            .map(entry -> entry.getTextContent().strip())
            .filter(text -> text.startsWith("\""))
            .map(text -> text.substring(1, text.length() - 1))
            .collect(Collectors.toSet());
    assertThat(routed)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ReviewLevel.values()).map(Labelled::code).toList());
    for (ReviewLevel level : ReviewLevel.values()) {
      assertThat(ReviewLevel.fromCode(level.code())).isSameAs(level);
    }
  }
}
