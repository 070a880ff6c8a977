package org.tripapproval.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.BudgetCategory;
import org.tripapproval.trip.TripRequest.BudgetItem;

/**
 * The budget against the per-diem standards (per-diem-standards.dmn): lodging per member and night,
 * meals and incidentals per member and day, in each day's country, converted to yuan at the table's
 * rate. Only items with a category are compared; a destination without a standard or a rate leaves
 * that comparison out and is named instead.
 */
@Component
class BudgetStandards {

  static final String STANDARD_DECISION = "per-diem-standard";
  static final String RATE_DECISION = "exchange-rate";

  /**
   * The facts the rule table reads; a standard is null where it cannot be computed, a budget null
   * where nothing is itemised.
   */
  record Facts(
      BigDecimal lodgingBudget,
      BigDecimal lodgingStandard,
      BigDecimal mealsBudget,
      BigDecimal mealsStandard,
      String countriesWithoutStandard) {

    void into(Map<String, Object> facts) {
      facts.put("lodgingBudget", lodgingBudget);
      facts.put("lodgingStandard", lodgingStandard);
      facts.put("mealsBudget", mealsBudget);
      facts.put("mealsStandard", mealsStandard);
      facts.put("countriesWithoutStandard", countriesWithoutStandard);
    }
  }

  /** A country's standard per person, in yuan. */
  private record Daily(BigDecimal lodging, BigDecimal mealsAndIncidentals) {}

  private final LookupTables lookups;

  BudgetStandards(LookupTables lookups) {
    this.lookups = lookups;
  }

  Facts check(TripRequest trip) {
    BigDecimal lodgingBudget = sum(trip, Set.of(BudgetCategory.lodging));
    BigDecimal mealsBudget = sum(trip, Set.of(BudgetCategory.meals, BudgetCategory.incidentals));
    if (lodgingBudget == null && mealsBudget == null) {
      return new Facts(null, null, null, null, "");
    }
    Map<String, Daily> standards = new HashMap<>();
    Set<String> without = new TreeSet<>();
    BigDecimal lodging = BigDecimal.ZERO;
    BigDecimal meals = BigDecimal.ZERO;
    BigDecimal members = BigDecimal.valueOf(trip.members().size());
    for (TripRequest.ItineraryDay day : trip.itinerary()) {
      Daily daily = standards.computeIfAbsent(day.country(), this::standardOf);
      if (daily == null) {
        without.add(day.country());
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
        String.join(", ", without));
  }

  private Daily standardOf(String country) {
    Map<String, Object> standard =
        lookups.first(STANDARD_DECISION, Map.of("country", country)).orElse(null);
    if (standard == null || standard.get("currency") == null) {
      return null;
    }
    Map<String, Object> rate =
        lookups.first(RATE_DECISION, Map.of("currency", standard.get("currency"))).orElse(null);
    if (rate == null || rate.get("cnyPerUnit") == null) {
      return null;
    }
    BigDecimal cnyPerUnit = decimal(rate.get("cnyPerUnit"));
    return new Daily(
        decimal(standard.get("lodging")).multiply(cnyPerUnit),
        decimal(standard.get("meals"))
            .add(decimal(standard.get("incidentals")))
            .multiply(cnyPerUnit));
  }

  private static BigDecimal sum(TripRequest trip, Set<BudgetCategory> categories) {
    return trip.budget().stream()
        .filter(item -> item.category() != null && categories.contains(item.category()))
        .map(BudgetItem::amount)
        .reduce(BigDecimal::add)
        .map(BudgetStandards::yuan)
        .orElse(null);
  }

  private static BigDecimal decimal(Object number) {
    return new BigDecimal(number.toString());
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
