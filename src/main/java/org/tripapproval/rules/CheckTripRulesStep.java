package org.tripapproval.rules;

import static org.tripapproval.trip.TripVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.Attachments;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripRequest;

/**
 * Step checkTripRules: the request to {@link TripRules}, its findings back to the process, with the
 * per-diem standards the budget was compared to (standards change; the record keeps those used).
 */
@Component("checkTripRulesStep")
class CheckTripRulesStep implements JavaDelegate {

  private final TripRules rules;
  private final JsonVariables json;
  private final Attachments attachments;
  private final BudgetStandards budgetStandards;

  CheckTripRulesStep(
      TripRules rules,
      JsonVariables json,
      Attachments attachments,
      BudgetStandards budgetStandards) {
    this.rules = rules;
    this.json = json;
    this.attachments = attachments;
    this.budgetStandards = budgetStandards;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TripRequest trip = json.read(execution, TRIP, TripRequest.class);
    List<RuleFinding> findings =
        rules.check(
            trip,
            attachments.isAttached(execution, INVITATION_LETTER),
            execution.getProcessInstanceId());
    json.write(execution, FINDINGS, findings);
    json.write(execution, BUDGET_STANDARDS, budgetStandards.check(trip));
    execution.setVariable(
        HAS_BLOCKING_FINDINGS, findings.stream().anyMatch(RuleFinding::isBlocking));
  }
}
