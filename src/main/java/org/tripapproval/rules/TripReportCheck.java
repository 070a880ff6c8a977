package org.tripapproval.rules;

import static org.tripapproval.trip.TripVariables.REPORT;
import static org.tripapproval.trip.TripVariables.REPORT_FINDINGS;
import static org.tripapproval.trip.TripVariables.TRIP;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripRequest;

/**
 * After return: the report against the approved request (trip-report-check.dmn) — every difference
 * in dates or countries, and a passport handed back late, is a finding for the verifier and the
 * auditors. Bound to the start of verifyTripReport, so each filed report is checked as filed.
 */
@Component("tripReportCheck")
class TripReportCheck implements ExecutionListener {

  static final String REPORT_CHECK_DECISION = "trip-report-check";
  static final String PASSPORT_RULE = "passport";

  private final DecisionService decisionService;
  private final JsonVariables json;

  TripReportCheck(DecisionService decisionService, JsonVariables json) {
    this.decisionService = decisionService;
    this.json = json;
  }

  @Override
  public void notify(DelegateExecution execution) {
    TripRequest trip = json.read(execution, TRIP, TripRequest.class);
    TripReport report = json.read(execution, REPORT, TripReport.class);
    json.write(execution, REPORT_FINDINGS, check(trip, report));
  }

  /** Whether a passport handed back on that day after that return would be a finding of the table's passport row. */
  static boolean passportLate(DecisionService decisionService, java.time.LocalDate returned, java.time.LocalDate handedBack) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("approvedDepartureDay", returned.toEpochDay());
    facts.put("actualDepartureDay", returned.toEpochDay());
    facts.put("approvedReturnDay", returned.toEpochDay());
    facts.put("actualReturnDay", returned.toEpochDay());
    facts.put("countriesAdded", "");
    facts.put("countriesDropped", "");
    facts.put("passportDaysAfterReturn", (int) ChronoUnit.DAYS.between(returned, handedBack));
    return decisionService.evaluateDecisionTableByKey(REPORT_CHECK_DECISION, facts).getResultList().stream()
        .anyMatch(row -> PASSPORT_RULE.equals(row.get("rule")));
  }

  List<RuleFinding> check(TripRequest trip, TripReport report) {
    TreeSet<String> approved = new TreeSet<>(trip.countries());
    TreeSet<String> actual = new TreeSet<>(report.actualCountries());
    TreeSet<String> added = new TreeSet<>(actual);
    added.removeAll(approved);
    TreeSet<String> dropped = new TreeSet<>(approved);
    dropped.removeAll(actual);
    Map<String, Object> facts = new HashMap<>();
    facts.put("approvedDepartureDay", trip.departureDate().toEpochDay());
    facts.put("actualDepartureDay", report.actualDepartureDate().toEpochDay());
    facts.put("approvedReturnDay", trip.returnDate().toEpochDay());
    facts.put("actualReturnDay", report.actualReturnDate().toEpochDay());
    facts.put("approvedDepartureDate", trip.departureDate().toString());
    facts.put("actualDepartureDate", report.actualDepartureDate().toString());
    facts.put("approvedReturnDate", trip.returnDate().toString());
    facts.put("actualReturnDate", report.actualReturnDate().toString());
    facts.put("countriesAdded", String.join(", ", added));
    facts.put("countriesDropped", String.join(", ", dropped));
    facts.put("passportDaysAfterReturn", (int) ChronoUnit.DAYS.between(report.actualReturnDate(), report.passportReturnedOn()));
    return decisionService.evaluateDecisionTableByKey(REPORT_CHECK_DECISION, facts).getResultList().stream()
        .map(row -> new RuleFinding((String) row.get("rule"), (String) row.get("severity"),
            (String) row.get("message"), (String) row.get("regulation")))
        .toList();
  }
}
