package org.tripapproval.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tripapproval.calendar.CalendarOnNewDatabase.CALENDAR_2030;

import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tripapproval.csv.CsvUpload.InvalidCsvException;

/**
 * Working days: weekends off, loaded holidays off, loaded 调休 weekend days on. Without Spring
 * ({@link CalendarOnNewDatabase}); the deadlines that follow them are {@code TripDeadlinesTest}'s.
 */
class WorkingDaysTest {

  WorkingDays workingDays;

  @BeforeEach
  void calendarAsAtStartUp() throws IOException {
    workingDays = CalendarOnNewDatabase.workingDays();
  }

  @Test
  void theShippedCalendarOf2026IsLoadedAtStartUp() {
    // the State Council's notice for 2026: Spring Festival 15-23 February off, Saturdays 14 and 28
    // February worked
    assertThat(workingDays.of(2026))
        .hasSize(39)
        .extracting(WorkingDays.CalendarDay::kind)
        .containsOnly("HOLIDAY", "WORKDAY");
    assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 2, 14))).as("调休 Saturday").isTrue();
    assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 2, 16)))
        .as("Spring Festival Monday")
        .isFalse();
    assertThat(workingDays.isWorkingDay(LocalDate.of(2026, 10, 8)))
        .as("Thursday after National Day")
        .isTrue();
    // from Friday 13 February: Saturday 14 (worked), then 24, 25, 26 and 27 February
    assertThat(workingDays.plusWorkingDays(LocalDate.of(2026, 2, 13), 5))
        .isEqualTo(LocalDate.of(2026, 2, 27));
    assertThat(workingDays.of(2025)).as("the previous year ships too").isNotEmpty();
  }

  @Test
  void holidaysAndAdjustedWorkingDaysComeFromTheLoadedCalendar() {
    assertThat(workingDays.load(2030, CALENDAR_2030)).isEqualTo(2);

    assertThat(workingDays.isWorkingDay(LocalDate.of(2030, 1, 1)))
        .as("holiday on a Tuesday")
        .isFalse();
    assertThat(workingDays.isWorkingDay(LocalDate.of(2030, 1, 5))).as("调休 Saturday").isTrue();
    assertThat(workingDays.isWorkingDay(LocalDate.of(2030, 1, 6))).as("Sunday").isFalse();
    assertThat(workingDays.isWorkingDay(LocalDate.of(2030, 1, 7))).as("Monday").isTrue();
    // from Monday 31 December: 2, 3, 4, 5 (Saturday, worked) and 7 January
    assertThat(workingDays.plusWorkingDays(LocalDate.of(2029, 12, 31), 5))
        .isEqualTo(LocalDate.of(2030, 1, 7));
    assertThat(workingDays.onOrAfter(LocalDate.of(2030, 1, 6))).isEqualTo(LocalDate.of(2030, 1, 7));

    assertThat(workingDays.load(2030, "date,kind,name\n2030-01-01,HOLIDAY,元旦 New Year\n"))
        .isEqualTo(1);
    assertThat(workingDays.isWorkingDay(LocalDate.of(2030, 1, 5)))
        .as("replaced: a Saturday again")
        .isFalse();
  }

  @Test
  void countsTheWorkingDaysBetweenTwoDaysAsPlusWorkingDaysAddsThem() {
    // Friday 13 February 2026 to Friday 27 February: Saturday 14 (worked), then 24 to 27 February
    assertThat(workingDays.workingDaysBetween(LocalDate.of(2026, 2, 13), LocalDate.of(2026, 2, 27)))
        .isEqualTo(5);
    assertThat(workingDays.workingDaysBetween(LocalDate.of(2026, 2, 15), LocalDate.of(2026, 2, 23)))
        .as("Spring Festival, no working day")
        .isZero();
    assertThat(workingDays.workingDaysBetween(LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 9)))
        .as("Friday to Monday")
        .isEqualTo(1);
    assertThat(workingDays.workingDaysBetween(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 9)))
        .as("the same day")
        .isZero();
    assertThat(workingDays.workingDaysBetween(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 2)))
        .as("backwards")
        .isZero();
    assertThat(workingDays.workingDaysBetween(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 5)))
        .as("across the year: 元旦 1 to 3 January off, 4 January (Sunday) worked, Monday 5")
        .isEqualTo(2);
  }

  @Test
  void aWrongCalendarIsRefusedLineByLineAndChangesNothing() {
    workingDays.load(2031, "date,kind,name\n2031-01-01,HOLIDAY,元旦\n");
    assertThatThrownBy(
            () ->
                workingDays.load(
                    2031,
                    "date,kind,name\n2031-01-01,HOLIDAY,元旦\n2030-12-31,HOLIDAY,x\n"
                        + "2031-01-01,WORKDAY,y\n2031-02-30,HOLIDAY,z\n2031-03-01,DAYOFF,w\n2031-03-02,HOLIDAY,\n"))
        .isInstanceOfSatisfying(
            InvalidCsvException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "line 3: date: 不在2031年 / is not in 2031",
                        "line 4: date: 重复 / 2031-01-01 appears twice",
                        "line 5: date: 须为日期 YYYY-MM-DD / must be a date YYYY-MM-DD",
                        "line 6: kind: 须为 HOLIDAY 或 WORKDAY / must be HOLIDAY or WORKDAY",
                        "line 7: name: 必填,不超过100字 / is required, at most 100 characters"));
    assertThatThrownBy(() -> workingDays.load(2031, "day,type\n2031-01-01,HOLIDAY\n"))
        .isInstanceOf(InvalidCsvException.class)
        .hasMessageContaining("line 1:");
    assertThat(workingDays.of(2031))
        .extracting(WorkingDays.CalendarDay::name)
        .containsExactly("元旦");
  }
}
