package org.tripapproval.rules;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.tripapproval.people.Passports;
import org.tripapproval.registry.OtherTrips;
import org.tripapproval.registry.TripRegistry;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripSettings;

/** Computes the facts that the rule table reads and returns its findings. */
@Service
public class TripRules {

  static final String RULE_CHECK_DECISION = "trip-rule-check";
  static final String REGION_DECISION = "destination-region";
  static final String FREQUENCY_DECISION = "trip-frequency";
  static final String GENERIC_WORDS_DECISION = "purpose-generic-words";
  private static final String NAME_PARTS = "[\\s()（）,，、/]+";

  private final RuleTables tables;
  private final TripRegistry registry;
  private final AnnualPlans plans;
  private final BudgetStandards budgetStandards;
  private final LookupTables lookups;
  private final Clock clock;
  private final TripSettings settings;
  private final TripReportRules reportRules;
  private final LeadTime leadTime;
  private final PassportLimits passportLimits;
  private final Passports passports;

  TripRules(
      RuleTables tables,
      TripRegistry registry,
      AnnualPlans plans,
      BudgetStandards budgetStandards,
      LookupTables lookups,
      Clock clock,
      TripSettings settings,
      TripReportRules reportRules,
      LeadTime leadTime,
      PassportLimits passportLimits,
      Passports passports) {
    this.tables = tables;
    this.registry = registry;
    this.plans = plans;
    this.budgetStandards = budgetStandards;
    this.lookups = lookups;
    this.clock = clock;
    this.settings = settings;
    this.reportRules = reportRules;
    this.leadTime = leadTime;
    this.passportLimits = passportLimits;
    this.passports = passports;
  }

  /**
   * The findings for a request; {@code tripId} is the trip itself (null for a draft), left out of
   * its members' history.
   */
  public List<RuleFinding> check(
      TripRequest trip, boolean invitationLetterAttached, String tripId) {
    return check(
        trip, invitationLetterAttached, tripId, LocalDate.now(clock.withZone(settings.zone())));
  }

  /**
   * The findings for a request submitted on {@code submittedOn}, the day its lead time counts from:
   * today for a request, the trip's first submission for a change after approval (docs/adr/0022).
   */
  public List<RuleFinding> check(
      TripRequest trip, boolean invitationLetterAttached, String tripId, LocalDate submittedOn) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("delegationSize", trip.members().size());
    facts.put("countryCount", trip.countriesCounted().size());
    facts.put("countries", String.join(", ", trip.countriesCounted()));
    facts.put("daysAbroad", (int) trip.daysAbroad());
    facts.put("extraDays", extraDays(trip));
    facts.put(
        "purposeLength", trip.purpose().strip().codePointCount(0, trip.purpose().strip().length()));
    facts.put("purposeMeaningfulLength", meaningfulLength(trip.purpose()));
    facts.put("purposeNamesCounterpart", namesCounterpart(trip));
    facts.put("invitationLetterAttached", invitationLetterAttached);
    String invitingCountry = trip.invitation() == null ? null : trip.invitation().country();
    facts.put("invitingCountry", invitingCountry);
    facts.put(
        "invitingCountryIsDestination",
        invitingCountry == null || trip.countries().contains(invitingCountry));
    List<String> leaders =
        trip.members().stream()
            .filter(m -> Boolean.TRUE.equals(m.principalLeader()))
            .map(TripRequest.Member::name)
            .toList();
    facts.put("principalLeaders", leaders.size());
    facts.put("principalLeaderNames", String.join("、", leaders));
    facts.put(
        "officialDays", (int) trip.itinerary().stream().filter(TripRules::isOfficial).count());
    facts.put("scheduleDays", trip.itinerary().size());
    OtherTrips others = registry.otherTripsOf(trip.members(), tripId);
    facts.put("overdueMembers", String.join("、", others.withOverdueReports()));
    facts.put("tooFrequentMembers", tooFrequent(trip, others));
    facts.put("unreturnedPassportMembers", passportsNotBack(trip.members(), tripId, others));
    facts.put(
        "passportExpiringMembers",
        String.join(
            "、",
            passports.expiringBefore(
                trip.members(),
                trip.returnDate().plusMonths(passportLimits.minMonthsAfterReturn()))));
    leadTime.of(trip, submittedOn).into(facts, submittedOn, trip.departureDate());
    BudgetStandards.Facts budget = budgetStandards.check(trip);
    budget.into(facts);
    AnnualPlans.PlanFacts plan = plans.check(trip, tripId);
    facts.put("planProblem", plan.problem());
    facts.put("planReference", plan.reference());
    facts.put("planHeadcount", plan.headcount());
    facts.put("planTotal", plan.total());
    facts.put("unitTravellers", plan.travellers());
    return budget.named(tables.evaluate(RULE_CHECK_DECISION, facts).findings());
  }

  /**
   * The extra day abroad the destinations allow (Latin America, Africa): the most any of them
   * gives.
   */
  private int extraDays(TripRequest trip) {
    int extra = 0;
    for (String country : trip.countries()) {
      Object days =
          lookups
              .first(REGION_DECISION, Map.of("country", country))
              .orElseThrow(
                  () ->
                      new IllegalStateException("destination-region.dmn has no row for " + country))
              .get("extraDays");
      extra = Math.max(extra, ((Number) days).intValue());
    }
    return extra;
  }

  /**
   * Members who already travel as often as their rank allows (trip-frequency.dmn): another trip of
   * theirs departs within the rank's period before or after this one.
   */
  private String tooFrequent(TripRequest trip, OtherTrips others) {
    List<String> found = new ArrayList<>();
    for (TripRequest.Member member : trip.members()) {
      Map<String, Object> limit =
          lookups.first(FREQUENCY_DECISION, Map.of("rank", member.rank().name())).orElse(null);
      if (limit == null || limit.get("maxTrips") == null) {
        continue;
      }
      int years = ((Number) limit.get("periodYears")).intValue();
      int trips =
          others.tripsOf(
              member,
              trip.departureDate().minusYears(years),
              trip.departureDate().plusYears(years));
      if (trips >= ((Number) limit.get("maxTrips")).intValue()) {
        found.add(member.name());
      }
    }
    return String.join("、", found);
  }

  /**
   * Members whose passport from an earlier trip is not known to be back (its report is still to
   * come) although it would already be late by the after-return table's passport row, counted as if
   * handed back today: one limit, in trip-report-check.dmn, for both.
   */
  private String passportsNotBack(
      List<TripRequest.Member> members, String tripId, OtherTrips others) {
    LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
    // out of the office's custody past its day, or (trips before custody) not reported back in time
    Set<String> late = new LinkedHashSet<>(passports.notBack(members, today, tripId));
    others
        .returnedWithoutReport()
        .forEach(
            (name, returned) -> {
              if (returned.isBefore(today) && reportRules.passportLate(returned, today)) {
                late.add(name);
              }
            });
    return String.join("、", late);
  }

  /**
   * The characters of the purpose left when the generic words (purpose-generic-words.dmn) and
   * whatever is not a letter or digit are taken out.
   */
  private int meaningfulLength(String purpose) {
    String rest = purpose.toLowerCase(Locale.ROOT);
    for (Map<String, Object> row : lookups.all(GENERIC_WORDS_DECISION, Map.of())) {
      rest = rest.replace(((String) row.get("word")).toLowerCase(Locale.ROOT), "");
    }
    return (int) rest.codePoints().filter(Character::isLetterOrDigit).count();
  }

  /**
   * The purpose names a counterpart: the inviting body or an organisation met in the schedule, or
   * one part of its name as written there (a name in two languages, an abbreviation in brackets),
   * ignoring case; a part counts from two characters on.
   */
  private static boolean namesCounterpart(TripRequest trip) {
    String purpose = trip.purpose().toLowerCase(Locale.ROOT);
    List<String> counterparts = new ArrayList<>();
    if (trip.invitation() != null) {
      counterparts.add(trip.invitation().organisation());
    }
    trip.itinerary().forEach(day -> counterparts.add(day.counterpart()));
    return counterparts.stream()
        .filter(c -> c != null)
        .flatMap(c -> Arrays.stream(c.toLowerCase(Locale.ROOT).split(NAME_PARTS)))
        .filter(part -> part.codePointCount(0, part.length()) >= 2)
        .anyMatch(purpose::contains);
  }

  /** A day with an official activity and a named counterpart organisation. */
  private static boolean isOfficial(TripRequest.ItineraryDay day) {
    return day.activity() != null
        && !day.activity().isBlank()
        && day.counterpart() != null
        && !day.counterpart().isBlank();
  }
}
