package org.tripapproval.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tripapproval.trip.Decision;

/**
 * Whether the reviews of the current round approve the trip at every routed level. A round is what
 * follows the last review that did not approve (a send-back, or a review ended without a decision,
 * e.g. cancelled by a modification); within it, the n-th review must be an approval at the n-th
 * routed level by an eligible reviewer. Knows nothing of the engine: the caller reads the history.
 */
final class ApprovalRound {

  /** One ended review task, as the history shows it. */
  record Review(String taskId, String level, String decision, String decidedBy) {}

  private ApprovalRound() {}

  /**
   * What keeps the trip from being approved, one line per problem; empty when every level is
   * approved. {@code ineligibility} says why the review's reviewer may not decide at its level, or
   * null.
   */
  static List<String> unmet(
      List<String> routedLevels,
      List<Review> endedReviews,
      Function<Review, String> ineligibility) {
    List<String> unmet = new ArrayList<>();
    if (routedLevels == null || routedLevels.isEmpty()) {
      unmet.add("reviewLevels: 未确定审批层级 / no review levels were routed");
      return unmet;
    }
    int roundStart = 0;
    for (int i = 0; i < endedReviews.size(); i++) {
      if (!Decision.APPROVE.is(endedReviews.get(i).decision())) {
        roundStart = i + 1;
      }
    }
    List<Review> round = endedReviews.subList(roundStart, endedReviews.size());
    for (int i = 0; i < routedLevels.size(); i++) {
      String level = routedLevels.get(i);
      if (i >= round.size()) {
        unmet.add(level + ": 本轮未经审批 / not approved in the current round");
        continue;
      }
      Review review = round.get(i);
      if (!level.equals(review.level())) {
        unmet.add(
            level
                + ": 本轮第"
                + (i + 1)
                + "次审批属于 "
                + review.level()
                + " / review "
                + (i + 1)
                + " of the round was at level "
                + review.level());
        continue;
      }
      String why =
          review.decidedBy() == null ? "no reviewer recorded" : ineligibility.apply(review);
      if (why != null) {
        unmet.add(level + ": " + review.decidedBy() + " 无权审批 / may not approve: " + why);
      }
    }
    if (round.size() > routedLevels.size()) {
      unmet.add("reviewLevels: 本轮审批次数多于审批层级 / more reviews in the round than routed levels");
    }
    return unmet;
  }
}
