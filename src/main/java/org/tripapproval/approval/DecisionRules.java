package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.DECISION;
import static org.tripapproval.trip.TripVariables.DECISION_REASON;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tripapproval.trip.TripProcess;

/**
 * What a decision submitted on a task must be: one the task offers, with a reason where it sends
 * back, rejects or withdraws, and a reason of bounded length.
 */
final class DecisionRules {

  static final Map<String, Set<String>> DECISIONS_BY_TASK =
      Map.of(
          TripProcess.REVIEW_TRIP_REQUEST, Set.of("approve", "sendBack", "reject"),
          TripProcess.VERIFY_TRIP_REPORT, Set.of("accept", "sendBack"),
          TripProcess.WITHDRAW_TRIP_REQUEST, Set.of("withdraw"));
  static final Set<String> NEED_A_REASON = Set.of("sendBack", "reject", "withdraw");
  static final int MAX_REASON_LENGTH = 2000;

  private DecisionRules() {}

  /** The problem with a decision and its (stripped) reason submitted on the task, if any. */
  static Optional<String> problemWith(String task, Object decision, String reason) {
    Set<String> allowed = DECISIONS_BY_TASK.get(task);
    if (decision == null || !allowed.contains(decision)) {
      return Optional.of(DECISION + ": 请选择 " + allowed + " / choose one of " + allowed);
    }
    if (NEED_A_REASON.contains(decision) && reason.isEmpty()) {
      return Optional.of(
          DECISION_REASON
              + ": 退回、不予批准或撤回须说明理由 / a reason is required to send back, reject or withdraw");
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

  /**
   * Whether the task's decision is the outcome the gateways read; a withdrawal ends the trip by its
   * own end event and leaves the outcome of the reviews as it was.
   */
  static boolean decidesTheOutcome(String task) {
    return !TripProcess.WITHDRAW_TRIP_REQUEST.equals(task);
  }
}
