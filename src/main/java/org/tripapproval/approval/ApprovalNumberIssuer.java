package org.tripapproval.approval;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.NotificationKind;
import org.tripapproval.notification.Notifications;
import org.tripapproval.trip.TripVariables;

/** Service task issueApprovalNumber: the number, and the news for the applicant. */
@Component("approvalNumberIssuer")
class ApprovalNumberIssuer implements JavaDelegate {

  private final ApprovalNumbers approvalNumbers;
  private final Notifications notifications;

  ApprovalNumberIssuer(ApprovalNumbers approvalNumbers, Notifications notifications) {
    this.approvalNumbers = approvalNumbers;
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = approvalNumbers.issue(execution.getProcessInstanceId());
    execution.setVariable(TripVariables.APPROVAL_NUMBER, number);
    notifications.toApplicant(execution, NotificationKind.TRIP_APPROVED, number);
  }
}
