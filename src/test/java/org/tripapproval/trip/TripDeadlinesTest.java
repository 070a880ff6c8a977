package org.tripapproval.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.calendar.CalendarOnNewDatabase.CALENDAR_2030;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.tripapproval.calendar.CalendarOnNewDatabase;
import org.tripapproval.calendar.WorkingDays;

/** The dates the process waits for follow the working days. Without Spring. */
class TripDeadlinesTest {

  // the defaults of application.yaml
  static final TripSettings SETTINGS =
      new TripSettings(
          ZoneId.of("Asia/Shanghai"), false, 5, 5, 5, 10, 30, 7, 5, DataSize.ofMegabytes(10));

  WorkingDays workingDays;
  TripDeadlines deadlines;

  @BeforeEach
  void calendarAsAtStartUp() throws IOException {
    workingDays = CalendarOnNewDatabase.workingDays();
    deadlines =
        new TripDeadlines(Clock.system(SETTINGS.zone()), SETTINGS, workingDays, event -> {});
  }

  @Test
  void theWindowsCountWorkingDaysAndAReportDueOnAWeekendIsDueOnMonday() {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    LocalDate disclosureEnds =
        deadlines
            .preTripDisclosureEnd()
            .toInstant()
            .atZone(ZoneId.of("Asia/Shanghai"))
            .toLocalDate();
    assertThat(ChronoUnit.DAYS.between(today, disclosureEnds))
        .as("five working days span a weekend")
        .isGreaterThanOrEqualTo(7);

    // back on Thursday 3 January 2030: 30 days on is Saturday 2 February, so the report is due
    // Monday 4 February
    workingDays.load(2030, CALENDAR_2030);
    assertThat(deadlines.day(deadlines.reportDue("2030-01-03"))).isEqualTo("2030-02-04");
  }

  @Test
  void aReportSentBackIsDueFiveWorkingDaysLaterUnlessItsFirstDueDayIsLater() {
    workingDays.load(2030, CALENDAR_2030);
    // sent back early: the first due day (Monday 4 February) stands
    assertThat(deadlines.day(deadlines.reportDue("2030-01-03", "2030-01-10")))
        .isEqualTo("2030-02-04");
    // sent back on Thursday 14 February, after it: due the 5th working day after, Thursday 21st
    assertThat(deadlines.day(deadlines.reportDue("2030-01-03", "2030-02-14")))
        .isEqualTo("2030-02-21");
    assertThat(deadlines.day(deadlines.reportDueToday("2030-01-03", "2030-02-14")))
        .isEqualTo("2030-02-20");
    // reminded the day after the send-back at the earliest, never on the day of its own mail
    assertThat(deadlines.reportReminder("2030-01-03", "2030-02-14"))
        .isEqualTo(deadlines.startOf("2030-02-15"));
    // not sent back
    assertThat(deadlines.reportDue("2030-01-03", "")).isEqualTo(deadlines.reportDue("2030-01-03"));
  }

  @Test
  void aWindowCountedOverAYearWithoutCalendarIsProvisionalAndCountedAgainOnceItIsLoaded() {
    List<Object> published = new ArrayList<>();
    deadlines =
        new TripDeadlines(Clock.system(SETTINGS.zone()), SETTINGS, workingDays, published::add);

    // Monday 3 March 2031, no calendar for 2031: five working days are Tuesday to Monday 10 March
    Date provisional = deadlines.asOf(LocalDate.of(2031, 3, 3), deadlines::preTripDisclosureEnd);
    assertThat(deadlines.day(provisional)).isEqualTo("2031-03-10");
    assertThat(published)
        .containsExactly(
            new TripDeadlines.Provisional(
                LocalDate.of(2031, 3, 3), LocalDate.of(2031, 3, 10), List.of(2031)));

    // the 2031 calendar makes Wednesday 5 March a holiday: the same window, counted again from the
    // day it was set, ends a working day later, and is no longer provisional
    published.clear();
    workingDays.load(2031, "date,kind,name\n2031-03-05,HOLIDAY,测试假日\n");
    Date counted = deadlines.asOf(LocalDate.of(2031, 3, 3), deadlines::preTripDisclosureEnd);
    assertThat(deadlines.day(counted)).isEqualTo("2031-03-11");
    assertThat(published).isEmpty();

    // a window inside a loaded year was never provisional
    deadlines.asOf(LocalDate.of(2026, 3, 2), deadlines::preTripDisclosureEnd);
    assertThat(published).isEmpty();
  }
}
