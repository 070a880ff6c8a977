package org.tripapproval.trip;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import org.springframework.stereotype.Component;
import org.tripapproval.config.TripSettings;

/**
 * The dates the process waits for, read by the timers and due dates in overseas-trip.bpmn, e.g.
 * {@code ${tripDeadlines.reportDue(returnDate)}}. Dates are days in the settings' time zone.
 */
@Component("tripDeadlines")
public class TripDeadlines {

  private final Clock clock;
  private final TripSettings settings;

  TripDeadlines(Clock clock, TripSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  public Date preTripDisclosureEnd() {
    return Date.from(ZonedDateTime.now(clock).plus(settings.preTripDisclosure()).toInstant());
  }

  public Date postTripDisclosureEnd() {
    return Date.from(ZonedDateTime.now(clock).plus(settings.postTripDisclosure()).toInstant());
  }

  public Date reviewDue() {
    return Date.from(ZonedDateTime.now(clock).plus(settings.reviewDue()).toInstant());
  }

  public String reviewPeriod() {
    return settings.reviewDue().getDays() + " 天 days";
  }

  /** The day a deadline falls on, as people read it (a deadline at midnight belongs to the day before). */
  public String day(Date deadline) {
    return deadline.toInstant().atZone(settings.zone()).minusSeconds(1).toLocalDate().toString();
  }

  public Date startOf(String isoDate) {
    return startOf(LocalDate.parse(isoDate));
  }

  /** The trip is over once the return day is. */
  public Date dayAfter(String isoDate) {
    return startOf(LocalDate.parse(isoDate).plusDays(1));
  }

  /** The report is due by the end of the N-th day after return. */
  public Date reportDue(String returnDate) {
    return startOf(reportDueDay(returnDate).plusDays(1));
  }

  public Date reportReminder(String returnDate) {
    return startOf(reportDueDay(returnDate).plusDays(1).minusDays(settings.reportReminderDaysBefore()));
  }

  /** The morning of the day the report is due. */
  public Date reportDueToday(String returnDate) {
    return startOf(reportDueDay(returnDate));
  }

  private LocalDate reportDueDay(String returnDate) {
    return LocalDate.parse(returnDate).plusDays(settings.reportDueDays());
  }

  private Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(settings.zone()).toInstant());
  }
}
