package org.tripapproval.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The words of the trip's and the report's status, and which trips count. */
class TripStatusTest {

  @Test
  void everyStatusHasAChineseAndAnEnglishLabel() {
    Stream.of(TripStatus.values(), ReportStatus.values())
        .flatMap(Arrays::stream)
        .forEach(
            status -> {
              assertThat(status.zh()).as(status.code()).matches(".*\\p{IsHan}.*");
              assertThat(status.en()).as(status.code()).matches("[A-Z][A-Za-z -]+");
              assertThat(status.label()).isEqualTo(status.zh() + " " + status.en());
            });
    assertThat(TripStatus.APPROVED.label()).isEqualTo("已批准 Approved");
  }

  @Test
  void theStoredStringIsTheNameAndParsesBack() {
    for (TripStatus status : TripStatus.values()) {
      assertThat(TripStatus.fromStored(status.name())).isSameAs(status);
      assertThat(status.code()).isEqualTo(status.name());
    }
    for (ReportStatus status : ReportStatus.values()) {
      assertThat(ReportStatus.fromStored(status.name())).isSameAs(status);
    }
    assertThat(TripStatus.fromStored("ENDED")).isSameAs(TripStatus.ENDED);
    assertThat(ReportStatus.fromStored("NOT_DUE"))
        .as("the column's default")
        .isSameAs(ReportStatus.NOT_DUE);
  }

  @Test
  void aStringThatIsNoStatusIsRefusedByName() {
    assertThatThrownBy(() -> TripStatus.fromStored("LOST"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOST");
    assertThatThrownBy(() -> TripStatus.fromStored("approved"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReportStatus.fromStored(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Labels.find(TripStatus.class, "LOST")).isEmpty();
  }

  @Test
  void everyTripInProgressOrDoneCountsAndOneThatCouldNotHappenDoesNot() {
    assertThat(Arrays.stream(TripStatus.values()).filter(status -> !status.countsAsTrip()))
        .containsExactly(TripStatus.REJECTED, TripStatus.WITHDRAWN, TripStatus.ENDED);
    assertThat(TripStatus.SUBMITTED.countsAsTrip()).isTrue();
    assertThat(TripStatus.SENT_BACK.countsAsTrip()).isTrue();
    assertThat(TripStatus.CLOSED.countsAsTrip()).isTrue();
  }

  @Test
  void theSqlConditionIsBuiltFromTheCountingRule() {
    assertThat(TripStatus.countsAsTripSql("r.status"))
        .isEqualTo("r.status NOT IN ('REJECTED', 'WITHDRAWN', 'ENDED')");
  }
}
