package org.tripapproval.approval;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.ModelNotices;
import org.tripapproval.notification.NotificationKind;
import org.tripapproval.notification.Notifications;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripVariables;

/**
 * Service task issueApprovalNumber: the number once the history shows the trip approved, the
 * approval document (出国任务批件) in the same transaction, and the notice the model names, carrying the
 * number.
 */
@Component("approvalNumberIssuer")
class ApprovalNumberIssuer implements JavaDelegate {

  private final ApprovalHistory approvalHistory;
  private final ApprovalNumbers approvalNumbers;
  private final Notifications notifications;
  private final ApprovalDocuments documents;
  private final JsonVariables json;

  ApprovalNumberIssuer(
      ApprovalHistory approvalHistory,
      ApprovalNumbers approvalNumbers,
      Notifications notifications,
      ApprovalDocuments documents,
      JsonVariables json) {
    this.approvalHistory = approvalHistory;
    this.approvalNumbers = approvalNumbers;
    this.notifications = notifications;
    this.documents = documents;
    this.json = json;
  }

  @Override
  public void execute(DelegateExecution execution) {
    approvalHistory.requireApproved(execution);
    String number = approvalNumbers.issue(execution.getProcessInstanceId());
    execution.setVariable(TripVariables.APPROVAL_NUMBER, number);
    documents.issue(
        execution.getProcessInstanceId(),
        number,
        (String) execution.getVariable(TripVariables.APPLICANT),
        (String) execution.getVariable(TripVariables.REQUEST_NUMBER),
        json.read(execution, TripVariables.TRIP, TripRequest.class));
    for (NotificationKind notice :
        ModelNotices.named(execution.getBpmnModelElementInstance(), ModelNotices.NOTICE)) {
      notifications.send(execution, notice, number);
    }
  }
}
