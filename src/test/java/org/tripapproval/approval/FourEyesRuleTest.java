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

  @Test
  void twoPeopleOfTheDirectoryWhoShareANameAreToldApartByTheirIds() {
    TripRequest trip =
        aTrip()
            .members(
                List.of(
                    new Member("王伟", "省教育厅 科员", Rank.staff, null, null, "JY0231"),
                    new Member("Anna Schmidt", "专家", Rank.staff, null, null, "PASSPORT:C01X00T47")))
            .build();
    Set<String> wangWei = FourEyesRule.namesOf("王伟", "(foreign affairs)");

    assertThat(FourEyesRule.conflictOf("wang.wei", "SW0112", wangWei, "zhang.wei", trip))
        .as("the reviewer is SW0112, the member JY0231")
        .isNull();
    assertThat(FourEyesRule.conflictOf("wang.wei", "JY0231", wangWei, "zhang.wei", trip))
        .isEqualTo(FourEyesRule.MEMBER);
    assertThat(FourEyesRule.conflictOf("wang.wei", null, wangWei, "zhang.wei", trip))
        .as("a reviewer the directory does not know is compared by name")
        .isEqualTo(FourEyesRule.MEMBER);
    assertThat(
            FourEyesRule.conflictOf(
                "a.schmidt", "SW0999", FourEyesRule.namesOf("Anna Schmidt", null), "x", trip))
        .as("papers instead of an employee number do not hide a member who is the reviewer")
        .isEqualTo(FourEyesRule.MEMBER);
  }
}
