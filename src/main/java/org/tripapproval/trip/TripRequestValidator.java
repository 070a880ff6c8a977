package org.tripapproval.trip;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The form rules of a request: what must be filled in, and in which order the dates come. The audit
 * rules (size, days, countries...) are findings from DMN, not errors here.
 */
@Component
public class TripRequestValidator {

  /** How far ahead a request may be made: the annual plan covers this year and the next. */
  static final int MAX_YEARS_AHEAD = 2;

  private final Validator validator;
  private final Clock clock;
  private final ObjectMapper mapper;

  TripRequestValidator(Validator validator, Clock clock, ObjectMapper mapper) {
    this.validator = validator;
    this.clock = clock;
    this.mapper = mapper;
  }

  public List<String> problems(TripRequest trip) {
    List<String> problems = new ArrayList<>();
    validator.validate(trip).stream()
        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .forEach(v -> problems.add(describe(v)));
    problems.addAll(PlainText.problems(trip, mapper));
    LocalDate today = LocalDate.now(clock);
    LocalDate latest = today.plusYears(MAX_YEARS_AHEAD);
    if (trip.departureDate() != null && trip.departureDate().isBefore(today)) {
      problems.add("departureDate: 出发日期已过 / the departure date is in the past");
    }
    if (trip.departureDate() != null && trip.departureDate().isAfter(latest)) {
      problems.add(
          "departureDate: 出发日期不能晚于"
              + MAX_YEARS_AHEAD
              + "年后 / the departure date is more than "
              + MAX_YEARS_AHEAD
              + " years ahead");
    }
    if (trip.returnDate() != null && trip.returnDate().isAfter(latest)) {
      problems.add(
          "returnDate: 回国日期不能晚于"
              + MAX_YEARS_AHEAD
              + "年后 / the return date is more than "
              + MAX_YEARS_AHEAD
              + " years ahead");
    }
    problems.addAll(unknownCountries(trip));
    if (!problems.isEmpty()) {
      return problems;
    }
    Set<LocalDate> scheduled = new HashSet<>();
    for (int i = 0; i < trip.itinerary().size(); i++) {
      LocalDate day = trip.itinerary().get(i).date();
      if (day.isBefore(trip.departureDate()) || day.isAfter(trip.returnDate())) {
        problems.add(
            "itinerary["
                + i
                + "].date: 日程日期不在出访期间 / the day "
                + day
                + " is outside the trip's dates");
      } else if (!scheduled.add(day)) {
        problems.add(
            "itinerary["
                + i
                + "].date: "
                + day
                + "已有日程,每天一行 / "
                + day
                + " is already in the schedule: one line per day");
      }
    }
    if (problems.isEmpty() && trip.daysAbroad() <= MAX_SCHEDULE_DAYS) {
      List<LocalDate> missing =
          trip.departureDate()
              .datesUntil(trip.returnDate().plusDays(1))
              .filter(day -> !scheduled.contains(day))
              .toList();
      if (!missing.isEmpty()) {
        problems.add(
            "itinerary: 缺少"
                + missing
                + "的日程,在外每天都须填写 / no schedule for "
                + missing
                + ": every day abroad needs a line");
      }
    }
    return problems;
  }

  /**
   * The longest schedule a request holds (TripRequest's itinerary size); a longer trip is refused
   * by that limit.
   */
  private static final int MAX_SCHEDULE_DAYS = 60;

  private static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());

  /** Every country named must be an ISO 3166 code (JP, KR, BR...), as the rule tables read them. */
  private static List<String> unknownCountries(TripRequest trip) {
    List<String> problems = new ArrayList<>();
    String message = ": 不是国家或地区代码 / is not a country or region code (ISO 3166, e.g. JP)";
    if (trip.itinerary() != null) {
      for (int i = 0; i < trip.itinerary().size(); i++) {
        if (trip.itinerary().get(i) != null && isUnknown(trip.itinerary().get(i).country())) {
          problems.add("itinerary[" + i + "].country" + message);
        }
      }
    }
    if (trip.invitation() != null && isUnknown(trip.invitation().country())) {
      problems.add("invitation.country" + message);
    }
    for (int i = 0; i < trip.transitStops().size(); i++) {
      if (trip.transitStops().get(i) != null && isUnknown(trip.transitStops().get(i).country())) {
        problems.add("transits[" + i + "].country" + message);
      }
    }
    return problems;
  }

  private static boolean isUnknown(String country) {
    return country != null && !country.isBlank() && !COUNTRY_CODES.contains(country);
  }

  private static String describe(ConstraintViolation<TripRequest> violation) {
    return fieldOf(violation) + ": " + violation.getMessage();
  }

  /** The field as the forms and the API name it: members[0].name, budget[1]. */
  public static String fieldOf(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString().replace(".<list element>", "");
    return "returnNotBeforeDeparture".equals(path) ? "returnDate" : path;
  }
}
