package org.tripapproval.trip;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import org.springframework.stereotype.Component;
import org.tripapproval.calendar.WorkingDays;

/**
 * The dates the process waits for, read by the timers and due dates in overseas-trip.bpmn, e.g.
 * {@code ${tripDeadlines.reportDue(returnDate)}}. Dates are days in the settings' time zone; the
 * disclosure windows and the review period count working days ({@link WorkingDays}).
 */
@Component("tripDeadlines")
public class TripDeadlines {

  private final Clock clock;
  private final TripSettings settings;
  private final WorkingDays workingDays;

  TripDeadlines(Clock clock, TripSettings settings, WorkingDays workingDays) {
    this.clock = clock;
    this.settings = settings;
    this.workingDays = workingDays;
  }

  /**
   * The window runs for N full working days after today: it ends as the day after the N-th begins.
   */
  public Date preTripDisclosureEnd() {
    return afterWorkingDays(settings.preTripDisclosureWorkingDays());
  }

  /**
   * Whether the pre-trip disclosure, starting today, would have ended by the start of the departure
   * day ({@code departureDate} as an ISO date): a trip never departs before its window has ended.
   */
  public boolean disclosureEndsBeforeDeparture(String departureDate) {
    return !preTripDisclosureEnd().after(startOf(departureDate));
  }

  public Date postTripDisclosureEnd() {
    return afterWorkingDays(settings.postTripDisclosureWorkingDays());
  }

  public Date reviewDue() {
    return afterWorkingDays(settings.reviewDueWorkingDays());
  }

  /** How many working days a review round may take before it is escalated. */
  public int reviewPeriodWorkingDays() {
    return settings.reviewDueWorkingDays();
  }

  private Date afterWorkingDays(int n) {
    LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
    return startOf(workingDays.plusWorkingDays(today, n).plusDays(1));
  }

  /**
   * The day a deadline falls on, as people read it (a deadline at midnight belongs to the day
   * before).
   */
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

  /**
   * The report is due by the end of the N-th day after return, or of the next working day if that
   * is not one.
   */
  public Date reportDue(String returnDate) {
    return startOf(reportDueDay(returnDate).plusDays(1));
  }

  public Date reportReminder(String returnDate) {
    return startOf(
        reportDueDay(returnDate).plusDays(1).minusDays(settings.reportReminderDaysBefore()));
  }

  /** The morning of the day the report is due. */
  public Date reportDueToday(String returnDate) {
    return startOf(reportDueDay(returnDate));
  }

  private LocalDate reportDueDay(String returnDate) {
    return workingDays.onOrAfter(LocalDate.parse(returnDate).plusDays(settings.reportDueDays()));
  }

  private Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(settings.zone()).toInstant());
  }
}
