package org.tripapproval.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tripapproval.support.TripDriver;

/** The form rules of a report, without the engine or Spring. */
class TripReportValidatorTest {

  static ValidatorFactory validation;
  static TripReportValidator validator;

  private final TripRequest trip = aTrip().build();
  private final TripReport report = TripDriver.reportFor(trip);

  @BeforeAll
  static void validator() {
    validation = Validation.buildDefaultValidatorFactory();
    validator =
        new TripReportValidator(
            validation.getValidator(), new ObjectMapper().findAndRegisterModules());
  }

  @AfterAll
  static void close() {
    validation.close();
  }

  @Test
  void aReportWithAResultForEveryPlannedTaskPasses() {
    assertThat(validator.problems(report, trip)).isEmpty();
  }

  @Test
  void everyPlannedTaskNeedsItsResult() {
    TripReport oneShort =
        withResults(report, report.taskResults().subList(0, report.taskResults().size() - 1));
    assertThat(validator.problems(oneShort, trip))
        .singleElement()
        .asString()
        .startsWith("taskResults: ")
        .contains("give a result for each of the " + trip.tasks().size() + " planned tasks");
  }

  @Test
  void thePassportIsNotHandedBackBeforeTheReturn() {
    TripReport early =
        new TripReport(
            report.actualDepartureDate(),
            report.actualReturnDate(),
            report.actualCountries(),
            report.taskResults(),
            report.spending(),
            report.spendingNotes(),
            report.actualReturnDate().minusDays(1),
            report.followUp());
    assertThat(validator.problems(early, trip))
        .singleElement()
        .asString()
        .startsWith("passportReturnedOn: ");
  }

  @Test
  void aMissingReturnDateIsNamedByItsField() {
    TripReport noReturn =
        new TripReport(
            report.actualDepartureDate(),
            null,
            report.actualCountries(),
            report.taskResults(),
            report.spending(),
            report.spendingNotes(),
            report.passportReturnedOn(),
            report.followUp());
    assertThat(validator.problems(noReturn, trip))
        .singleElement()
        .asString()
        .startsWith("actualReturnDate: ");
  }

  private static TripReport withResults(TripReport report, List<TripReport.TaskResult> results) {
    return new TripReport(
        report.actualDepartureDate(),
        report.actualReturnDate(),
        report.actualCountries(),
        results,
        report.spending(),
        report.spendingNotes(),
        report.passportReturnedOn(),
        report.followUp());
  }
}
