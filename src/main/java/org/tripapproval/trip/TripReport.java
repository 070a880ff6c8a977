package org.tripapproval.trip;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The post-trip report (出访报告): what actually happened and what came of each planned task. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TripReport(
    @NotNull(message = "{report.actualDepartureDate.required}") LocalDate actualDepartureDate,
    @NotNull(message = "{report.actualReturnDate.required}") LocalDate actualReturnDate,
    @NotEmpty(message = "{report.actualCountries.required}") @Size(max = 20) List<@NotBlank(message = "{trip.entry.required}") @Size(max = 2) String> actualCountries,
    @NotEmpty(message = "{report.taskResults.required}") @Size(max = 30) List<@Valid @NotNull(message = "{trip.entry.required}") TaskResult> taskResults,
    @NotNull(message = "{report.spending.required}") @PositiveOrZero(message = "{report.spending.notNegative}") BigDecimal spending,
    @Size(max = 4000) String spendingNotes,
    @NotNull(message = "{report.passportReturnedOn.required}") LocalDate passportReturnedOn,
    @Size(max = 8000) String followUp) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TaskResult(
      @Size(max = 1000) String task,
      @NotBlank(message = "{report.taskResult.result.required}") @Size(max = 4000) String result) {}

  @JsonIgnore
  @AssertTrue(message = "{report.actualReturnDate.beforeDeparture}") public boolean isReturnNotBeforeDeparture() {
    return actualDepartureDate == null
        || actualReturnDate == null
        || !actualReturnDate.isBefore(actualDepartureDate);
  }
}
