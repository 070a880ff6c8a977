package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.tripapproval.calendar.CalendarOnNewDatabase;
import org.tripapproval.registry.YearSummary;

/**
 * The statistics of a year from registry rows (through the year summary counted from them), without
 * Spring: the years the picker offers, and the time to approval in working days of the shipped 2026
 * calendar. Every date is fixed: nothing here depends on the day the test runs.
 */
class TripStatisticsTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  JdbcTemplate jdbc;
  TripStatistics statistics;

  @BeforeEach
  void registryOnANewDatabase() throws Exception {
    DataSource database = CalendarOnNewDatabase.newDatabase();
    jdbc = new JdbcTemplate(database);
    statistics =
        new TripStatistics(
            new NamedParameterJdbcTemplate(database), CalendarOnNewDatabase.workingDays(database));
  }

  /**
   * The rows here are written by hand, as a migration finds them: the summary counted from them.
   */
  private TripStatistics summarised() {
    YearSummary.on(jdbc, SHANGHAI).rebuild();
    return statistics;
  }

  @Test
  void thePickerOffersTheYearsWithTripsLatestFirst() {
    trip("a", "commerce", LocalDate.of(2026, 5, 1), null, null);
    trip("b", "commerce", LocalDate.of(2028, 1, 3), null, null);
    trip("c", "education", LocalDate.of(2026, 11, 30), null, null);
    trip("d", "education", LocalDate.of(2027, 2, 1), null, null);
    trip("draft", null, LocalDate.of(2029, 2, 1), null, null);

    assertThat(summarised().yearsWithTrips())
        .as("a row without a unit is an incomplete request, not a trip")
        .containsExactly(2028, 2027, 2026);
  }

  @Test
  void theTimeToApprovalIsTheMedianOfWorkingDaysOverTheTripsThatGotANumber() {
    LocalDate departure = LocalDate.of(2026, 4, 20);
    // Friday 13 February to Friday 27 February, the Spring Festival between: 5 working days
    trip("festival", "commerce", departure, at(2026, 2, 13, 9), at(2026, 2, 27, 16));
    // early on Monday 9 March in Shanghai (still Sunday in UTC), numbered on Tuesday the 10th: 1
    trip("early", "commerce", departure, at(2026, 3, 9, 7), at(2026, 3, 10, 8));
    // numbered the day it was submitted: 0
    trip("same-day", "commerce", departure, at(2026, 3, 2, 9), at(2026, 3, 2, 17));
    trip("under-review", "commerce", departure, at(2026, 3, 2, 9), null);
    // 2 March to 16 March: 10 working days; to 4 March: 2
    trip("slow", "education", departure, at(2026, 3, 2, 9), at(2026, 3, 16, 9));
    trip("quick", "education", departure, at(2026, 3, 2, 9), at(2026, 3, 4, 9));
    trip("none-yet", "finance-bureau", departure, at(2026, 3, 2, 9), null);

    TripStatistics.YearStatistics year = summarised().forYear(2026);

    assertThat(year.units())
        .extracting(TripStatistics.UnitStatistics::unit, TripStatistics.UnitStatistics::trips)
        .containsExactly(tuple("commerce", 4), tuple("education", 2), tuple("finance-bureau", 1));
    assertThat(year.units())
        .extracting(TripStatistics.UnitStatistics::timeToApproval)
        .containsExactly(
            new TimeToApproval(1.0, 3), new TimeToApproval(6.0, 2), new TimeToApproval(null, 0));
  }

  @Test
  void theMedianOfAnEvenNumberIsBetweenTheMiddleTwo() {
    assertThat(TimeToApproval.of(List.of(9, 0, 5, 6))).isEqualTo(new TimeToApproval(5.5, 4));
    assertThat(TimeToApproval.of(List.of())).isEqualTo(new TimeToApproval(null, 0));
  }

  private static Instant at(int year, int month, int day, int hour) {
    return LocalDateTime.of(year, month, day, hour, 0).atZone(SHANGHAI).toInstant();
  }

  private void trip(
      String id, String unit, LocalDate departure, Instant submitted, Instant approved) {
    jdbc.update(
        "INSERT INTO trip_registry (process_instance_id, applicant, unit, status, departure_date,"
            + " return_date, delegation_size, planned, submitted_at, approved_at, updated_at)"
            + " VALUES (?, 'zhang.wei', ?, 'SUBMITTED', ?, ?, 1, TRUE, ?, ?, ?)",
        id,
        unit,
        Date.valueOf(departure),
        Date.valueOf(departure.plusDays(4)),
        submitted == null ? null : Timestamp.from(submitted),
        approved == null ? null : Timestamp.from(approved),
        Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
  }
}
