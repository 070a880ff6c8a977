package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.DECISION;
import static org.tripapproval.trip.TripVariables.DECISION_REASON;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.TripProcess;

/**
 * What a decision submitted on a task must be: one the task offers, with a reason where it sends
 * back or rejects, and a reason of bounded length.
 */
final class DecisionRules {

  static final Map<String, Set<Decision>> DECISIONS_BY_TASK =
      Map.of(
          TripProcess.REVIEW_TRIP_REQUEST,
          EnumSet.of(Decision.APPROVE, Decision.SEND_BACK, Decision.REJECT),
          TripProcess.VERIFY_TRIP_REPORT,
          EnumSet.of(Decision.ACCEPT, Decision.SEND_BACK),
          TripProcess.DECIDE_OBJECTION,
          EnumSet.of(Decision.UPHOLD, Decision.REJECT, Decision.DISMISS),
          TripProcess.DECIDE_POST_TRIP_OBJECTION,
          EnumSet.of(Decision.UPHOLD, Decision.DISMISS),
          TripProcess.REVIEW_TRIP_CHANGE,
          EnumSet.of(Decision.APPROVE, Decision.SEND_BACK, Decision.REJECT));
  static final int MAX_REASON_LENGTH = 2000;

  private DecisionRules() {}

  /** The problem with a decision and its (stripped) reason submitted on the task, if any. */
  static Optional<String> problemWith(String task, Object decision, String reason) {
    Set<Decision> allowed = DECISIONS_BY_TASK.get(task);
    Optional<Decision> offered = allowed.stream().filter(one -> one.is(decision)).findFirst();
    if (offered.isEmpty()) {
      List<String> codes = allowed.stream().map(Decision::code).toList();
      return Optional.of(DECISION + ": 请选择 " + codes + " / choose one of " + codes);
    }
    if (offered.get().needsReason() && reason.isEmpty()) {
      return Optional.of(
          DECISION_REASON
              + ": 退回、不予批准或处理异议须说明理由 / a reason is required to send back, reject or"
              + " decide an objection");
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      return Optional.of(
          DECISION_REASON
              + ": 不超过"
              + MAX_REASON_LENGTH
              + "字 / at most "
              + MAX_REASON_LENGTH
              + " characters");
    }
    return Optional.empty();
  }
}
