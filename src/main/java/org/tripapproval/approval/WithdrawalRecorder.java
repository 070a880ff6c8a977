package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.*;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.ModelNotices;
import org.tripapproval.notification.NotificationKind;
import org.tripapproval.notification.Notifications;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.InvalidSubmissionException;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripProcess;

/**
 * The step {@code recordWithdrawal}: stores who withdrew the trip and why, adds the withdrawal to
 * the trip's decisions, as the auditors read them, and sends the notice the step names. The reason
 * comes with the withdrawal's message (Withdrawals); a withdrawal without one fails, whoever
 * correlated it.
 */
@Component("withdrawalRecorder")
class WithdrawalRecorder implements JavaDelegate {

  private final JsonVariables json;
  private final Clock clock;
  private final Notifications notifications;

  WithdrawalRecorder(JsonVariables json, Clock clock, Notifications notifications) {
    this.json = json;
    this.clock = clock;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reason = execution.getVariable(WITHDRAWAL_REQUEST_REASON);
    if (!(reason instanceof String given) || given.isBlank()) {
      throw new InvalidSubmissionException(
          List.of("reason: 请说明撤回的理由 / say why the trip is withdrawn"));
    }
    Authentication caller =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String by = caller != null ? caller.getUserId() : "system";
    execution.setVariable(WITHDRAWAL_REASON, given.strip());
    execution.setVariable(WITHDRAWN_BY, by);
    List<ApprovalDecision> decisions = new ArrayList<>();
    if (execution.getVariable(DECISIONS) != null) {
      decisions.addAll(Arrays.asList(json.read(execution, DECISIONS, ApprovalDecision[].class)));
    }
    decisions.add(
        new ApprovalDecision(
            TripProcess.RECORD_WITHDRAWAL,
            null,
            Decision.WITHDRAW.code(),
            given.strip(),
            by,
            clock.instant(),
            null));
    json.write(execution, DECISIONS, decisions);
    // the notice names who withdrew and why from the decisions just written
    for (NotificationKind notice :
        ModelNotices.named(execution.getBpmnModelElementInstance(), ModelNotices.NOTICE)) {
      notifications.send(execution, notice, given.strip());
    }
  }
}
