package org.tripapproval.rules;

import static org.tripapproval.trip.TripVariables.REPORT;
import static org.tripapproval.trip.TripVariables.REPORT_FINDINGS;
import static org.tripapproval.trip.TripVariables.TRIP;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripRequest;

/**
 * Step checkTripReport: the request and the filed report to {@link TripReportRules}, findings back.
 */
@Component("checkTripReportStep")
class CheckTripReportStep implements JavaDelegate {

  private final TripReportRules rules;
  private final JsonVariables json;

  CheckTripReportStep(TripReportRules rules, JsonVariables json) {
    this.rules = rules;
    this.json = json;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TripRequest trip = json.read(execution, TRIP, TripRequest.class);
    TripReport report = json.read(execution, REPORT, TripReport.class);
    json.write(
        execution, REPORT_FINDINGS, rules.check(trip, report, execution.getProcessInstanceId()));
  }
}
