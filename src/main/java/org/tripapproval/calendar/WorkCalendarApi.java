package org.tripapproval.calendar;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * The working-day calendar, kept by administrators: {@code PUT /api/calendar/{year}} with the CSV
 * {@code date,kind,name} (kind HOLIDAY or WORKDAY) replaces the year's holidays and 调休 days; {@code
 * GET /api/calendar/{year}} lists them; {@code GET /api/calendar/coverage} names the years needed
 * and missing. A wrong file is refused line by line and changes nothing.
 */
@RestController
@RequestMapping("/api/calendar")
class WorkCalendarApi {

  private final WorkingDays workingDays;
  private final CalendarCoverage coverage;

  WorkCalendarApi(WorkingDays workingDays, CalendarCoverage coverage) {
    this.workingDays = workingDays;
    this.coverage = coverage;
  }

  /**
   * The years needed now whose calendar is not loaded, and the warning in words (for Tasklist's
   * notice to the office and the administrators).
   */
  @GetMapping("/coverage")
  CalendarCoverage.Coverage coverage() {
    return coverage.now();
  }

  @GetMapping("/{year}")
  List<WorkingDays.CalendarDay> calendar(@PathVariable String year) {
    return workingDays.of(checkedYear(year));
  }

  @PutMapping("/{year}")
  Map<String, Object> load(@PathVariable String year, @RequestBody(required = false) String csv) {
    return Map.of("year", checkedYear(year), "days", workingDays.load(checkedYear(year), csv));
  }

  private static int checkedYear(String year) {
    if (!year.matches("20\\d\\d")) {
      throw new InvalidParameterException(
          "year", "须为2000到2099之间的年份 / must be a year from 2000 to 2099");
    }
    return Integer.parseInt(year);
  }
}
