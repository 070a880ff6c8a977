package org.tripapproval.approval;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.ModelNotices;
import org.tripapproval.notification.NotificationKind;
import org.tripapproval.notification.Notifications;
import org.tripapproval.trip.TripVariables;

/**
 * Service task issueApprovalNumber: the number once the history shows the trip approved, and the
 * notice the model names, carrying the number.
 */
@Component("approvalNumberIssuer")
class ApprovalNumberIssuer implements JavaDelegate {

  private final ApprovalHistory approvalHistory;
  private final ApprovalNumbers approvalNumbers;
  private final Notifications notifications;

  ApprovalNumberIssuer(
      ApprovalHistory approvalHistory,
      ApprovalNumbers approvalNumbers,
      Notifications notifications) {
    this.approvalHistory = approvalHistory;
    this.approvalNumbers = approvalNumbers;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    approvalHistory.requireApproved(execution);
    String number = approvalNumbers.issue(execution.getProcessInstanceId());
    execution.setVariable(TripVariables.APPROVAL_NUMBER, number);
    for (NotificationKind notice :
        ModelNotices.named(execution.getBpmnModelElementInstance(), ModelNotices.NOTICE)) {
      notifications.send(execution, notice, number);
    }
  }
}
