package org.tripapproval.rules;

import static org.tripapproval.trip.TripVariables.REPORT;
import static org.tripapproval.trip.TripVariables.REPORT_FINDINGS;
import static org.tripapproval.trip.TripVariables.TRIP;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
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

  /**
   * Whether a passport handed back on that day after that return would be a finding of the table's
   * passport row.
   */
  static boolean passportLate(
      DecisionService decisionService, LocalDate returned, LocalDate handedBack) {
    return findings(
            decisionService,
            returned,
            returned,
            List.of(),
            returned,
            returned,
            List.of(),
            handedBack)
        .stream()
        .anyMatch(finding -> PASSPORT_RULE.equals(finding.rule()));
  }

  List<RuleFinding> check(TripRequest trip, TripReport report) {
    return findings(
        decisionService,
        trip.departureDate(),
        trip.returnDate(),
        trip.countries(),
        report.actualDepartureDate(),
        report.actualReturnDate(),
        report.actualCountries(),
        report.passportReturnedOn());
  }

  private static List<RuleFinding> findings(
      DecisionService decisionService,
      LocalDate approvedDeparture,
      LocalDate approvedReturn,
      Collection<String> approvedCountries,
      LocalDate actualDeparture,
      LocalDate actualReturn,
      Collection<String> actualCountries,
      LocalDate passportBack) {
    TreeSet<String> added = new TreeSet<>(actualCountries);
    added.removeAll(approvedCountries);
    TreeSet<String> dropped = new TreeSet<>(approvedCountries);
    dropped.removeAll(actualCountries);
    Map<String, Object> facts = new HashMap<>();
    facts.put("approvedDepartureDay", approvedDeparture.toEpochDay());
    facts.put("actualDepartureDay", actualDeparture.toEpochDay());
    facts.put("approvedReturnDay", approvedReturn.toEpochDay());
    facts.put("actualReturnDay", actualReturn.toEpochDay());
    facts.put("approvedDepartureDate", approvedDeparture.toString());
    facts.put("actualDepartureDate", actualDeparture.toString());
    facts.put("approvedReturnDate", approvedReturn.toString());
    facts.put("actualReturnDate", actualReturn.toString());
    facts.put("countriesAdded", String.join(", ", added));
    facts.put("countriesDropped", String.join(", ", dropped));
    facts.put("passportDaysAfterReturn", (int) ChronoUnit.DAYS.between(actualReturn, passportBack));
    return decisionService
        .evaluateDecisionTableByKey(REPORT_CHECK_DECISION, facts)
        .getResultList()
        .stream()
        .map(
            row ->
                new RuleFinding(
                    (String) row.get("rule"),
                    (String) row.get("severity"),
                    (String) row.get("message"),
                    (String) row.get("regulation")))
        .toList();
  }
}
