package org.tripapproval.trip;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The form rules of a request: what must be filled in, and in which order the dates come. The
 * audit rules (size, days, countries...) are findings from DMN, not errors here.
 */
@Component
public class TripRequestCheck {

  private final Validator validator;
  private final Clock clock;

  TripRequestCheck(Validator validator, Clock clock) {
    this.validator = validator;
    this.clock = clock;
  }

  public List<String> problems(TripRequest trip) {
    List<String> problems = new ArrayList<>();
    validator.validate(trip).stream()
        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .forEach(v -> problems.add(describe(v)));
    if (!problems.isEmpty()) {
      return problems;
    }
    LocalDate today = LocalDate.now(clock);
    if (trip.departureDate().isBefore(today)) {
      problems.add("departureDate: 出发日期已过 / the departure date is in the past");
    }
    for (int i = 0; i < trip.itinerary().size(); i++) {
      LocalDate day = trip.itinerary().get(i).date();
      if (day.isBefore(trip.departureDate()) || day.isAfter(trip.returnDate())) {
        problems.add("itinerary[" + i + "].date: 日程日期不在出访期间 / the day " + day
            + " is outside the trip's dates");
      }
    }
    return problems;
  }

  private static String describe(ConstraintViolation<TripRequest> violation) {
    return fieldOf(violation) + ": " + violation.getMessage();
  }

  /** The field as the forms and the API name it: members[0].name, budget[1]. */
  public static String fieldOf(ConstraintViolation<?> violation) {
    return violation.getPropertyPath().toString().replace(".<list element>", "");
  }
}
