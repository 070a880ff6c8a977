package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tripapproval.trip.TripProcess;

/** The decisions each task offers and the reasons they need, without the engine. */
class DecisionRulesTest {

  @ParameterizedTest(name = "{0}: {1} with \"{2}\"")
  @CsvSource({
    "reviewTripRequest, approve, ''",
    "reviewTripRequest, sendBack, 请补充议题",
    "reviewTripRequest, reject, 不必要",
    "verifyTripReport, accept, ''",
    "verifyTripReport, sendBack, 请补充成效"
  })
  void acceptsADecisionTheTaskOffersWithTheReasonItNeeds(
      String task, String decision, String reason) {
    assertThat(DecisionRules.problemWith(task, decision, reason)).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "reviewTripRequest, accept",
    "reviewTripRequest, withdraw",
    "verifyTripReport, approve",
    "verifyTripReport, reject",
    "verifyTripReport, withdraw"
  })
  void refusesADecisionTheTaskDoesNotOffer(String task, String decision) {
    assertThat(DecisionRules.problemWith(task, decision, "理由"))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("decision: "));
  }

  @Test
  void refusesNoDecisionAtAll() {
    assertThat(DecisionRules.problemWith(TripProcess.REVIEW_TRIP_REQUEST, null, ""))
        .hasValueSatisfying(problem -> assertThat(problem).contains("choose one of"));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @CsvSource({
    "reviewTripRequest, sendBack",
    "reviewTripRequest, reject",
    "verifyTripReport, sendBack"
  })
  void sendingBackAndRejectingNeedAReason(String task, String decision) {
    assertThat(DecisionRules.problemWith(task, decision, ""))
        .hasValueSatisfying(problem -> assertThat(problem).contains("a reason is required"));
  }

  @Test
  void aReasonHasAtMostTwoThousandCharacters() {
    assertThat(
            DecisionRules.problemWith(
                TripProcess.REVIEW_TRIP_REQUEST,
                "reject",
                "理".repeat(DecisionRules.MAX_REASON_LENGTH)))
        .isEmpty();
    assertThat(
            DecisionRules.problemWith(
                TripProcess.REVIEW_TRIP_REQUEST,
                "reject",
                "理".repeat(DecisionRules.MAX_REASON_LENGTH + 1)))
        .hasValueSatisfying(problem -> assertThat(problem).contains("at most 2000 characters"));
  }
}
