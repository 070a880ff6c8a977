package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.*;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.ModelNotices;
import org.tripapproval.notification.NotificationKind;
import org.tripapproval.notification.Notifications;
import org.tripapproval.trip.InvalidSubmissionException;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripProcess;

/**
 * Completes a review, verification or withdrawal only with a decision the task offers, and with a
 * reason where the trip is sent back, rejected or withdrawn; appends the decision to the trip's
 * list of decisions, sets the {@code outcome} the gateways read and sends the notice the model
 * names for the decision ({@code notice.approve}, {@code notice.sendBack}...).
 *
 * <p>A decision is task-local: when the task is created its {@code decision} and {@code
 * decisionReason} are declared on the task, so that a form submission or the task's variables land
 * there, and only what is on the task when it completes counts. A {@code decision} set on the
 * process (by another task, or a process-instance variable write) is never read. Bound to the
 * task's create and complete events and to the end of its activity (which runs after a substitute's
 * {@code onBehalfOf} is noted).
 */
@Component("decisionRecorder")
class DecisionRecorder implements ExecutionListener, TaskListener {

  /**
   * Written on the decision task by the recorder, for the approval check that reads the history.
   */
  static final String DECIDED_BY = "decidedBy";

  private static final Map<String, Set<String>> DECISIONS_BY_TASK =
      Map.of(
          TripProcess.REVIEW_TRIP_REQUEST, Set.of("approve", "sendBack", "reject"),
          TripProcess.VERIFY_TRIP_REPORT, Set.of("accept", "sendBack"),
          TripProcess.WITHDRAW_TRIP_REQUEST, Set.of("withdraw"));
  private static final Set<String> NEED_A_REASON = Set.of("sendBack", "reject", "withdraw");
  private static final int MAX_REASON_LENGTH = 2000;

  private static final Map<String, String> LEVELS =
      Map.of(
          "unitHead",
          "单位负责人 the unit head",
          "foreignAffairs",
          "外办 the foreign affairs office",
          "finance",
          "财政 finance",
          "leadership",
          "分管领导 leadership");

  private final JsonVariables json;
  private final Clock clock;
  private final Notifications notifications;

  DecisionRecorder(JsonVariables json, Clock clock, Notifications notifications) {
    this.json = json;
    this.clock = clock;
    this.notifications = notifications;
  }

  /**
   * Create: the decision is declared on the task. Complete: the task's own decision is handed to
   * its activity.
   */
  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal(DECISION, null);
      task.setVariableLocal(DECISION_REASON, null);
      return;
    }
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      // always overwritten, so that nothing set on the execution before (or by anyone else) counts
      task.getExecution().setVariableLocal(DECISION, task.getVariableLocal(DECISION));
      task.getExecution().setVariableLocal(DECISION_REASON, task.getVariableLocal(DECISION_REASON));
      task.setVariableLocal(
          DECIDED_BY, actingUser(task.getProcessEngineServices().getIdentityService()));
      if (task.getVariable(REVIEW_LEVEL) != null) {
        task.setVariableLocal(REVIEW_LEVEL, task.getVariable(REVIEW_LEVEL));
      }
    }
  }

  @Override
  public void notify(DelegateExecution task) {
    if (task.isCanceled()) {
      return;
    }
    Set<String> allowed = DECISIONS_BY_TASK.get(task.getCurrentActivityId());
    Object decision = task.getVariableLocal(DECISION);
    String reason = task.getVariableLocal(DECISION_REASON) instanceof String s ? s.strip() : "";
    if (decision == null || !allowed.contains(decision)) {
      throw new InvalidSubmissionException(
          List.of(DECISION + ": 请选择 " + allowed + " / choose one of " + allowed));
    }
    if (NEED_A_REASON.contains(decision) && reason.isEmpty()) {
      throw new InvalidSubmissionException(
          List.of(
              DECISION_REASON
                  + ": 退回、不予批准或撤回须说明理由 / a reason is required to send back, reject or withdraw"));
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      throw new InvalidSubmissionException(
          List.of(
              DECISION_REASON
                  + ": 不超过"
                  + MAX_REASON_LENGTH
                  + "字 / at most "
                  + MAX_REASON_LENGTH
                  + " characters"));
    }
    List<ApprovalDecision> decisions = new ArrayList<>(earlierDecisions(task));
    decisions.add(
        new ApprovalDecision(
            task.getCurrentActivityId(),
            (String) task.getVariable(REVIEW_LEVEL),
            (String) decision,
            reason,
            actingUser(task.getProcessEngineServices().getIdentityService()),
            clock.instant(),
            (String) task.getVariableLocal(Substitutes.ON_BEHALF_OF)));
    task.removeVariableLocal(Substitutes.ON_BEHALF_OF);
    task.removeVariableLocal(DECISION);
    task.removeVariableLocal(DECISION_REASON);
    json.write(task, DECISIONS, decisions);
    if (!TripProcess.WITHDRAW_TRIP_REQUEST.equals(task.getCurrentActivityId())) {
      task.setVariable(OUTCOME, decision);
    }
    String level = (String) task.getVariable(REVIEW_LEVEL);
    for (NotificationKind notice :
        ModelNotices.named(
            task.getBpmnModelElementInstance(), ModelNotices.on((String) decision))) {
      notifications.send(
          task, notice, "approve".equals(decision) ? LEVELS.getOrDefault(level, level) : reason);
    }
  }

  private List<ApprovalDecision> earlierDecisions(DelegateExecution task) {
    if (task.getVariable(DECISIONS) == null) {
      return List.of();
    }
    return Arrays.asList(json.read(task, DECISIONS, ApprovalDecision[].class));
  }

  private static String actingUser(IdentityService identity) {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication != null ? authentication.getUserId() : "system";
  }
}
