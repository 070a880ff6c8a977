package org.tripapproval.rules;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tripapproval.calendar.WorkingDays;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripSettings;

/**
 * The time a request leaves before departure (RULES.md "lead time"): at least the setting's working
 * days after the day of submission and before departure, for a review round and the pre-trip
 * disclosure, and at least the calendar days lead-time-by-region.dmn sets for any destination's
 * region. The longest requirement applies. Counted like the disclosure window (the working days
 * strictly between today and departure), so a request in time leaves room for it.
 */
@Component
class LeadTime {

  static final String LEAD_TIME_DECISION = "lead-time-by-region";

  /**
   * What the rule table reads: the latest day to submit and, from today, the earliest departure.
   */
  record Requirement(
      LocalDate latestSubmission, LocalDate earliestDeparture, int workingDays, int regionDays) {

    void into(Map<String, Object> facts, LocalDate today, LocalDate departure) {
      facts.put("submittedOn", today.toString());
      facts.put("departureDate", departure.toString());
      facts.put("latestSubmission", latestSubmission.toString());
      facts.put("earliestDeparture", earliestDeparture.toString());
      facts.put("leadTimeWorkingDays", workingDays);
      facts.put("leadTimeRegionDays", regionDays);
    }
  }

  private final WorkingDays workingDays;
  private final TripSettings settings;
  private final LookupTables lookups;

  LeadTime(WorkingDays workingDays, TripSettings settings, LookupTables lookups) {
    this.workingDays = workingDays;
    this.settings = settings;
    this.lookups = lookups;
  }

  Requirement of(TripRequest trip, LocalDate today) {
    int n = settings.leadTimeWorkingDays();
    int regionDays = regionDays(trip);
    LocalDate departure = trip.departureDate();
    LocalDate byWorkingDays =
        n == 0 ? departure : workingDays.minusWorkingDays(departure, n).minusDays(1);
    LocalDate byRegion = departure.minusDays(regionDays);
    LocalDate latest = byWorkingDays.isBefore(byRegion) ? byWorkingDays : byRegion;
    LocalDate fromWorkingDays = n == 0 ? today : workingDays.plusWorkingDays(today, n).plusDays(1);
    LocalDate fromRegion = today.plusDays(regionDays);
    LocalDate earliest = fromWorkingDays.isAfter(fromRegion) ? fromWorkingDays : fromRegion;
    return new Requirement(latest, earliest, n, regionDays);
  }

  /** The longest lead time in calendar days any destination's region asks for; 0 for none. */
  private int regionDays(TripRequest trip) {
    int days = 0;
    for (String country : trip.countries()) {
      Object region =
          lookups
              .first(TripRules.REGION_DECISION, Map.of("country", country))
              .map(row -> row.get("region"))
              .orElse(null);
      if (region == null) {
        continue;
      }
      Object rowDays =
          lookups
              .first(LEAD_TIME_DECISION, Map.of("region", region))
              .map(row -> row.get("daysBeforeDeparture"))
              .orElse(null);
      if (rowDays != null) {
        days = Math.max(days, ((Number) rowDays).intValue());
      }
    }
    return days;
  }
}
