package org.tripapproval.trip;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The form rules of a report: what must be filled in, a result for each planned task of the
 * request, and the passport handed back no earlier than the return. Deviations from the approved
 * trip are findings (trip-report-check.dmn), not errors here.
 */
@Component
public class TripReportValidator {

  private final Validator validator;
  private final ObjectMapper mapper;

  TripReportValidator(Validator validator, ObjectMapper mapper) {
    this.validator = validator;
    this.mapper = mapper;
  }

  public List<String> problems(TripReport report, TripRequest trip) {
    List<String> problems = new ArrayList<>();
    validator
        .validate(report)
        .forEach(v -> problems.add(TripRequestValidator.fieldOf(v) + ": " + v.getMessage()));
    problems.addAll(PlainText.problems(report, mapper));
    if (problems.isEmpty()) {
      if (report.taskResults().size() != trip.tasks().size()) {
        problems.add(
            "taskResults: 应对"
                + trip.tasks().size()
                + "项计划任务逐项填写成效 / give a result for each of the "
                + trip.tasks().size()
                + " planned tasks");
      }
      if (report.passportReturnedOn().isBefore(report.actualReturnDate())) {
        problems.add(
            "passportReturnedOn: 护照交回日期早于回国日期 / the passport return date is before the return date");
      }
    }
    return problems;
  }
}
