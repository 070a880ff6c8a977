package org.tripapproval.rules;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.tripapproval.people.Passports;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripSettings;

/**
 * After return: the report against the approved request (trip-report-check.dmn) — every difference
 * in dates or countries, and a passport handed back late, is a finding for the verifier and the
 * auditors. The step checkTripReport runs it on each filed report.
 */
@Service
class TripReportRules {

  static final String REPORT_CHECK_DECISION = "trip-report-check";
  static final String PASSPORT_RULE = "passport";

  private final RuleTables tables;
  private final Passports passports;
  private final Clock clock;
  private final TripSettings settings;

  TripReportRules(RuleTables tables, Passports passports, Clock clock, TripSettings settings) {
    this.tables = tables;
    this.passports = passports;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Whether a passport handed back on that day after that return would be a finding of the table's
   * passport row.
   */
  boolean passportLate(LocalDate returned, LocalDate handedBack) {
    return findings(returned, returned, List.of(), returned, returned, List.of(), handedBack)
        .stream()
        .anyMatch(finding -> PASSPORT_RULE.equals(finding.rule()));
  }

  /**
   * The report against the approval. Where the office held the trip's passports, its custody record
   * says when they came back (the last of them; one still out counts as back today), not the
   * report's own date.
   */
  List<RuleFinding> check(TripRequest trip, TripReport report, String tripId) {
    LocalDate passportBack =
        passports
            .lastBack(tripId, LocalDate.now(clock.withZone(settings.zone())), settings.zone())
            .orElse(report.passportReturnedOn());
    return findings(
        trip.departureDate(),
        trip.returnDate(),
        trip.countries(),
        report.actualDepartureDate(),
        report.actualReturnDate(),
        report.actualCountries(),
        passportBack);
  }

  private List<RuleFinding> findings(
      LocalDate approvedDeparture,
      LocalDate approvedReturn,
      Collection<String> approvedCountries,
      LocalDate actualDeparture,
      LocalDate actualReturn,
      Collection<String> actualCountries,
      LocalDate passportBack) {
    Map<String, Object> facts =
        facts(
            approvedDeparture,
            approvedReturn,
            approvedCountries,
            actualDeparture,
            actualReturn,
            actualCountries,
            passportBack);
    return tables.evaluate(REPORT_CHECK_DECISION, facts).findings();
  }

  /** What trip-report-check.dmn reads: the differences between the approved and the actual trip. */
  static Map<String, Object> facts(
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
    return facts;
  }
}
