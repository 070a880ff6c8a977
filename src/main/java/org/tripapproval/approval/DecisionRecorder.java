package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.*;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

/**
 * Completes a review or verification only with a decision the task offers, and with a reason where
 * the trip is sent back or rejected; appends the decision to the trip's list of decisions, sets the
 * {@code outcome} the gateways read and sends the notice the model names for the decision ({@code
 * notice.approve}, {@code notice.sendBack}...).
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
    Object decision = task.getVariableLocal(DECISION);
    String reason = task.getVariableLocal(DECISION_REASON) instanceof String s ? s.strip() : "";
    DecisionRules.problemWith(task.getCurrentActivityId(), decision, reason)
        .ifPresent(
            problem -> {
              throw new InvalidSubmissionException(List.of(problem));
            });
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
    task.setVariable(OUTCOME, decision);
    // the notice names the reviewer and the level from the decisions just written
    for (NotificationKind notice :
        ModelNotices.named(
            task.getBpmnModelElementInstance(), ModelNotices.on((String) decision))) {
      notifications.send(task, notice, reason);
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
