package org.tripapproval.rules;

import static org.tripapproval.trip.TripVariables.*;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.Attachments;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripSettings;

/**
 * Step checkChangedTripRules (docs/adr/0022): every rule of {@link TripRules} on the changed trip,
 * its findings kept apart from the approved trip's. The lead time counts from the trip's first
 * submission: a change is not a new request, and a postponement is never late.
 */
@Component("checkChangedTripRulesStep")
class CheckChangedTripRulesStep implements JavaDelegate {

  private final TripRules rules;
  private final JsonVariables json;
  private final Attachments attachments;
  private final TripSettings settings;

  CheckChangedTripRulesStep(
      TripRules rules, JsonVariables json, Attachments attachments, TripSettings settings) {
    this.rules = rules;
    this.json = json;
    this.attachments = attachments;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TripRequest proposed = json.read(execution, PROPOSED_TRIP, TripRequest.class);
    LocalDate submittedOn =
        LocalDate.ofInstant(
            execution
                .getProcessEngineServices()
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .singleResult()
                .getStartTime()
                .toInstant(),
            settings.zone());
    List<RuleFinding> findings =
        rules.check(
            proposed,
            attachments.isAttached(execution, INVITATION_LETTER),
            execution.getProcessInstanceId(),
            submittedOn);
    json.write(execution, CHANGE_FINDINGS, findings);
    execution.setVariable(
        CHANGE_HAS_BLOCKING_FINDINGS, findings.stream().anyMatch(RuleFinding::isBlocking));
  }
}
