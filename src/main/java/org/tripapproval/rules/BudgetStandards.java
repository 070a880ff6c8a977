package org.tripapproval.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.Countries;
import org.tripapproval.trip.RuleName;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.BudgetCategory;
import org.tripapproval.trip.TripRequest.BudgetItem;

/**
 * The budget against the per-diem standards ({@link PerDiemTables}, the versions in force on the
 * departure day): lodging per member and night, meals and incidentals per member and day, in each
 * day's country (the row of the day's city where the table has one), converted to yuan at the rate.
 * Only items with a category are compared; a destination without a standard or a rate leaves that
 * comparison out and is named instead. The rule table decides what each outcome is worth.
 */
@Component
class BudgetStandards {

  /**
   * The facts the rule table reads; a standard is null where it cannot be computed, a budget null
   * where nothing is itemised; the versions are empty where none was in force (or nothing was
   * compared).
   */
  record Facts(
      BigDecimal lodgingBudget,
      BigDecimal lodgingStandard,
      BigDecimal mealsBudget,
      BigDecimal mealsStandard,
      String countriesWithoutStandard,
      String standardsVersion,
      String ratesVersion) {

    void into(Map<String, Object> facts) {
      facts.put("lodgingBudget", lodgingBudget);
      facts.put("lodgingStandard", lodgingStandard);
      facts.put("mealsBudget", mealsBudget);
      facts.put("mealsStandard", mealsStandard);
      facts.put("countriesWithoutStandard", countriesWithoutStandard);
      facts.put("standardsVersion", standardsVersion);
      facts.put("ratesVersion", ratesVersion);
    }

    /** The budget findings, with the versions of the standards and rates they were judged by. */
    List<RuleFinding> named(List<RuleFinding> findings) {
      String versions =
          "开支标准 Standards " + orDash(standardsVersion) + " · 汇率 Rates " + orDash(ratesVersion);
      return findings.stream()
          .map(f -> RuleName.BUDGET.code().equals(f.rule()) ? f.withStandards(versions) : f)
          .toList();
    }

    private static String orDash(String version) {
      return version == null || version.isEmpty() ? "—" : version;
    }
  }

  /** A country's standard per person, in yuan. */
  private record Daily(BigDecimal lodging, BigDecimal mealsAndIncidentals) {}

  private final PerDiemTables tables;

  BudgetStandards(PerDiemTables tables) {
    this.tables = tables;
  }

  Facts check(TripRequest trip) {
    BigDecimal lodgingBudget = sum(trip, Set.of(BudgetCategory.lodging));
    BigDecimal mealsBudget = sum(trip, Set.of(BudgetCategory.meals, BudgetCategory.incidentals));
    if (lodgingBudget == null && mealsBudget == null) {
      return new Facts(null, null, null, null, "", "", "");
    }
    // the standards of the travel: a version loaded later for a later day does not apply
    PerDiemTables.Standards table = tables.standardsOn(trip.departureDate());
    PerDiemTables.Rates rates = tables.ratesOn(trip.departureDate());
    Map<String, Daily> standards = new HashMap<>();
    Set<String> without = new TreeSet<>();
    BigDecimal lodging = BigDecimal.ZERO;
    BigDecimal meals = BigDecimal.ZERO;
    BigDecimal members = BigDecimal.valueOf(trip.members().size());
    for (TripRequest.ItineraryDay day : trip.itinerary()) {
      Daily daily =
          standards.computeIfAbsent(
              day.country() + "\n" + day.city(),
              place -> standardOf(table, rates, day.country(), day.city()));
      if (daily == null) {
        without.add(Countries.name(day.country()));
        continue;
      }
      if (day.date().isBefore(trip.returnDate())) {
        lodging = lodging.add(daily.lodging().multiply(members));
      }
      meals = meals.add(daily.mealsAndIncidentals().multiply(members));
    }
    boolean complete = without.isEmpty();
    return new Facts(
        lodgingBudget,
        complete ? yuan(lodging) : null,
        mealsBudget,
        complete ? yuan(meals) : null,
        String.join(", ", without),
        table.version(),
        rates.version());
  }

  private static Daily standardOf(
      PerDiemTables.Standards table, PerDiemTables.Rates rates, String country, String city) {
    PerDiemTables.Standard standard = table.of(country, city).orElse(null);
    if (standard == null) {
      return null;
    }
    BigDecimal cnyPerUnit = rates.of(standard.currency()).orElse(null);
    if (cnyPerUnit == null) {
      return null;
    }
    return new Daily(
        standard.lodging().multiply(cnyPerUnit),
        standard.meals().add(standard.incidentals()).multiply(cnyPerUnit));
  }

  private static BigDecimal sum(TripRequest trip, Set<BudgetCategory> categories) {
    return trip.budget().stream()
        .filter(item -> item.category() != null && categories.contains(item.category()))
        .map(BudgetItem::amount)
        .reduce(BigDecimal::add)
        .map(BudgetStandards::yuan)
        .orElse(null);
  }

  /**
   * To the fen, written without trailing zeros (5640, 5640.4), so that a message reads as people
   * write amounts.
   */
  private static BigDecimal yuan(BigDecimal amount) {
    BigDecimal exact = amount.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    return exact.scale() < 0 ? exact.setScale(0) : exact;
  }
}
