package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tripapproval.approval.ApprovalRound.Review;

/** The approval round read from the history, without an engine. */
class ApprovalRoundTest {

  static final List<String> LEVELS = List.of("unitHead", "foreignAffairs", "finance");
  static final Function<Review, String> EVERYONE_ELIGIBLE = review -> null;

  static Review approve(String level, String by) {
    return new Review("t-" + level + "-" + by, level, "approve", by);
  }

  @Test
  void approvedWhenEveryRoutedLevelApprovedInOrder() {
    assertThat(
            ApprovalRound.unmet(
                LEVELS,
                List.of(
                    approve("unitHead", "li.na"),
                    approve("foreignAffairs", "wang.fang"),
                    approve("finance", "liu.yang")),
                EVERYONE_ELIGIBLE))
        .isEmpty();
  }

  @Test
  void noReviewsAtAllApproveNothing() {
    assertThat(ApprovalRound.unmet(LEVELS, List.of(), EVERYONE_ELIGIBLE))
        .containsExactly(
            "unitHead: 本轮未经审批 / not approved in the current round",
            "foreignAffairs: 本轮未经审批 / not approved in the current round",
            "finance: 本轮未经审批 / not approved in the current round");
  }

  @Test
  void aSendBackStartsANewRoundSoEarlierApprovalsNoLongerCount() {
    List<Review> reviews =
        List.of(
            approve("unitHead", "li.na"),
            approve("foreignAffairs", "wang.fang"),
            new Review("t3", "finance", "sendBack", "liu.yang"),
            approve("unitHead", "li.na"));

    assertThat(ApprovalRound.unmet(LEVELS, reviews, EVERYONE_ELIGIBLE))
        .containsExactly(
            "foreignAffairs: 本轮未经审批 / not approved in the current round",
            "finance: 本轮未经审批 / not approved in the current round");
  }

  @Test
  void aReviewEndedWithoutADecisionBreaksTheRound() {
    List<Review> reviews =
        List.of(
            approve("unitHead", "li.na"),
            new Review("t2", "foreignAffairs", null, "admin"),
            approve("finance", "liu.yang"));

    // the round restarts after the cancelled review: the finance approval alone is not a round
    assertThat(ApprovalRound.unmet(LEVELS, reviews, EVERYONE_ELIGIBLE))
        .containsExactly(
            "unitHead: 本轮第1次审批属于 finance / review 1 of the round was at level finance",
            "foreignAffairs: 本轮未经审批 / not approved in the current round",
            "finance: 本轮未经审批 / not approved in the current round");
  }

  @Test
  void anIneligibleReviewerDoesNotApprove() {
    List<Review> reviews =
        List.of(
            approve("unitHead", "li.na"),
            approve("foreignAffairs", "wang.fang"),
            approve("finance", "liu.yang"));

    assertThat(
            ApprovalRound.unmet(
                LEVELS,
                reviews,
                review -> review.decidedBy().equals("li.na") ? "出访团组成员 a member" : null))
        .containsExactly("unitHead: li.na 无权审批 / may not approve: 出访团组成员 a member");
  }

  @Test
  void aReviewAtAnotherLevelThanRoutedDoesNotCount() {
    List<Review> reviews =
        List.of(
            approve("unitHead", "li.na"),
            approve("finance", "liu.yang"),
            approve("foreignAffairs", "wang.fang"));

    assertThat(ApprovalRound.unmet(LEVELS, reviews, EVERYONE_ELIGIBLE)).hasSize(2);
  }

  @Test
  void noRoutedLevelsIsNoApproval() {
    assertThat(ApprovalRound.unmet(null, List.of(approve("unitHead", "li.na")), EVERYONE_ELIGIBLE))
        .hasSize(1);
    assertThat(
            ApprovalRound.unmet(
                LEVELS,
                List.of(
                    approve("unitHead", null),
                    approve("foreignAffairs", "wang.fang"),
                    approve("finance", "liu.yang")),
                EVERYONE_ELIGIBLE))
        .containsExactly("unitHead: null 无权审批 / may not approve: no reviewer recorded");
  }
}
