package org.tripapproval.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.calendar.CalendarCoverage;

/**
 * From December on, a missing calendar of next year is news for the administrators and the foreign
 * affairs office: one mail each, once per year; a year that is loaded is no news. The days are the
 * test's own, not today.
 */
@SpringBootTest
@ActiveProfiles("test")
class CalendarWarningsTest {

  @Autowired CalendarWarnings warnings;
  @Autowired CalendarCoverage coverage;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  @AfterEach
  void noWarningsYet() {
    jdbc.update("DELETE FROM calendar_warning");
    jdbc.update("DELETE FROM notification_outbox WHERE kind = 'CALENDAR_MISSING'");
  }

  @Test
  void theOfficeAndTheAdministratorsHearOnceOfNextYearsMissingCalendarFromDecemberOn() {
    // 2026 ships with the application; 2027 does not
    assertThat(warnings.warnOn(LocalDate.of(2026, 11, 30))).as("November").isEmpty();
    assertThat(coverage.on(LocalDate.of(2026, 11, 30)).warning()).isNull();

    assertThat(warnings.warnOn(LocalDate.of(2026, 12, 1))).containsExactly(2027);
    assertThat(coverage.on(LocalDate.of(2026, 12, 1)).warning())
        .contains("2027年工作日历尚未载入", "The working-day calendar of 2027 is not loaded");
    assertThat(recipients())
        .containsExactlyInAnyOrder("admin@localhost", "wang.fang@trips.example");
    assertThat(
            jdbc.queryForObject(
                "SELECT DISTINCT subject FROM notification_outbox WHERE kind = 'CALENDAR_MISSING'",
                String.class))
        .isEqualTo("2027年工作日历尚未载入 / The 2027 working-day calendar is not loaded");

    assertThat(warnings.warnOn(LocalDate.of(2026, 12, 2))).as("told already").isEmpty();
    assertThat(recipients()).hasSize(2);
  }

  private List<String> recipients() {
    return jdbc.queryForList(
        "SELECT recipient FROM notification_outbox WHERE kind = 'CALENDAR_MISSING'", String.class);
  }
}
