package org.tripapproval.rules;

import static org.tripapproval.trip.TripVariables.FINDINGS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.RuleName;
import org.tripapproval.trip.TripDeadlines;

/**
 * Step explainDisclosureTooLate: a trip approved at every level whose pre-trip disclosure would end
 * (or, held by an objection, did end) after departure goes back to the applicant with a blocking
 * finding saying so, in words; they change the dates (the rules and reviews run again) or withdraw.
 */
@Component("disclosureTooLate")
class DisclosureTooLate implements JavaDelegate {

  private final JsonVariables json;
  private final TripDeadlines deadlines;

  DisclosureTooLate(JsonVariables json, TripDeadlines deadlines) {
    this.json = json;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String departure = (String) execution.getVariable("departureDate");
    RuleFinding[] earlier = json.read(execution, FINDINGS, RuleFinding[].class);
    List<RuleFinding> findings =
        new ArrayList<>(earlier == null ? List.of() : Arrays.asList(earlier));
    findings.add(
        new RuleFinding(
            RuleName.LEAD_TIME.code(),
            RuleFinding.BLOCKING,
            deadlines.departureDayPassed(departure) ? heldPast(departure) : endsAfter(departure),
            "中办发〔2008〕9号",
            // the model's own check, not a rule table's row
            null,
            null));
    json.write(execution, FINDINGS, findings);
  }

  private String endsAfter(String departure) {
    String ends = deadlines.day(deadlines.preTripDisclosureEnd());
    return "行前公示期至"
        + ends
        + "结束,晚于出发日期"
        + departure
        + ",不能按期出发:请推迟出访日期后重新提交,或撤回申请 / The pre-trip disclosure would run until "
        + ends
        + ", after the departure on "
        + departure
        + ": move the dates later and resubmit, or withdraw the request";
  }

  private static String heldPast(String departure) {
    return "异议处理期间已过出发日期"
        + departure
        + ",行前公示未能在出发前结束:请调整出访日期后重新提交,或撤回申请 / An objection held the pre-trip"
        + " disclosure past the departure on "
        + departure
        + ": move the dates and resubmit, or withdraw the request";
  }
}
