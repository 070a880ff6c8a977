package org.tripapproval.approval;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripVariables;

/** Service task issueApprovalNumber. */
@Component("approvalNumberIssuer")
class ApprovalNumberIssuer implements JavaDelegate {

  private final ApprovalNumbers approvalNumbers;

  ApprovalNumberIssuer(ApprovalNumbers approvalNumbers) {
    this.approvalNumbers = approvalNumbers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(TripVariables.APPROVAL_NUMBER, approvalNumbers.issue(execution.getProcessInstanceId()));
  }
}
