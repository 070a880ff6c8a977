package org.tripapproval.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tripapproval.calendar.CalendarCoverage;

/**
 * Each morning (trips.calendar.warning-cron), the administrators and the foreign affairs office are
 * mailed about a working-day calendar that is needed and not loaded ({@link CalendarCoverage}):
 * once per year, on whichever node checks first.
 */
@Component
class CalendarWarnings {

  private final CalendarCoverage coverage;
  private final Notifications notifications;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  CalendarWarnings(
      CalendarCoverage coverage,
      Notifications notifications,
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.coverage = coverage;
    this.notifications = notifications;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  @Scheduled(cron = "${trips.calendar.warning-cron}", zone = "${trips.zone}")
  void warnEachMorning() {
    warnOn(LocalDate.now(clock));
  }

  /** Mails about each year missing on that day that nobody was told of yet; those years. */
  List<Integer> warnOn(LocalDate today) {
    List<Integer> warned = new ArrayList<>();
    for (int year : coverage.on(today).missing()) {
      try {
        transaction.executeWithoutResult(
            status -> {
              jdbc.update(
                  "INSERT INTO calendar_warning (calendar_year, warned_at) VALUES (?, ?)",
                  year,
                  Timestamp.from(clock.instant()));
              notifications.calendarMissing(year);
            });
        warned.add(year);
      } catch (DuplicateKeyException alreadyTold) {
        // another node, or an earlier morning, told them
      }
    }
    return warned;
  }
}
