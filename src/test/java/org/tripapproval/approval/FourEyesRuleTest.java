package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.Member;
import org.tripapproval.trip.TripRequest.Rank;

/** Who may not review a trip, without the engine. */
class FourEyesRuleTest {

  private static final TripRequest TRIP =
      aTrip()
          .members(
              List.of(
                  new Member("张伟", "商务厅副处长", Rank.division, "zhang.wei"),
                  new Member("Li Na", "翻译", Rank.staff)))
          .build();

  @Test
  void theApplicantMayNotReviewTheirOwnTrip() {
    assertThat(FourEyesRule.conflictOf("wang.fang", Set.of(), "wang.fang", TRIP))
        .isEqualTo(FourEyesRule.APPLICANT);
  }

  @Test
  void aMemberIsFoundByTheUserIdTheRequestGives() {
    assertThat(FourEyesRule.conflictOf("zhang.wei", Set.of(), "someone.else", TRIP))
        .isEqualTo(FourEyesRule.MEMBER);
  }

  @Test
  void aMemberIsFoundByNameHoweverTheNameIsWrittenAndWhicheverOrder() {
    Set<String> names = FourEyesRule.namesOf("Na", "Li");
    assertThat(names).contains("lina", "nali", "na");
    assertThat(FourEyesRule.conflictOf("li.na", names, "zhang.wei", TRIP))
        .isEqualTo(FourEyesRule.MEMBER);
    assertThat(FourEyesRule.conflictOf("zhang.wei2", FourEyesRule.namesOf("伟", "张"), "x", TRIP))
        .isEqualTo(FourEyesRule.MEMBER);
  }

  @Test
  void anyoneElseMayReview() {
    assertThat(
            FourEyesRule.conflictOf("liu.yang", FourEyesRule.namesOf("洋", "刘"), "zhang.wei", TRIP))
        .isNull();
    assertThat(FourEyesRule.namesOf(null, null)).isEmpty();
  }
}
