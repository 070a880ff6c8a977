package org.tripapproval.trip;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.tripapproval.calendar.WorkingDays;

/**
 * The dates the process waits for, read by the timers and due dates in overseas-trip.bpmn, e.g.
 * {@code ${tripDeadlines.reportDue(returnDate)}}. Dates are days in the settings' time zone; the
 * disclosure windows and the review period count working days ({@link WorkingDays}). A deadline
 * counted over a year whose calendar is not loaded is provisional: it is published as a {@link
 * Provisional} for the trail, and counted again when the calendar is loaded ({@link #asOf}).
 */
@Component("tripDeadlines")
public class TripDeadlines {

  /**
   * A deadline counted in working days over years without a calendar (Monday to Friday only, for
   * now).
   */
  public record Provisional(LocalDate countedFrom, LocalDate dueDay, List<Integer> years) {}

  private static final ThreadLocal<LocalDate> AS_OF = new ThreadLocal<>();

  private final Clock clock;
  private final TripSettings settings;
  private final WorkingDays workingDays;
  private final ApplicationEventPublisher events;

  TripDeadlines(
      Clock clock,
      TripSettings settings,
      WorkingDays workingDays,
      ApplicationEventPublisher events) {
    this.clock = clock;
    this.settings = settings;
    this.workingDays = workingDays;
    this.events = events;
  }

  /**
   * Counts deadlines as if today were the given day: a timer's date counted again from the day it
   * was set, once the calendar it was counted over is loaded.
   */
  public <T> T asOf(LocalDate day, Supplier<T> counting) {
    LocalDate before = AS_OF.get();
    AS_OF.set(day);
    try {
      return counting.get();
    } finally {
      if (before == null) {
        AS_OF.remove();
      } else {
        AS_OF.set(before);
      }
    }
  }

  private LocalDate today() {
    LocalDate day = AS_OF.get();
    return day != null ? day : LocalDate.now(clock.withZone(settings.zone()));
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

  /**
   * Whether the departure day ({@code departureDate} as an ISO date) is over: an objection held the
   * pre-trip disclosure past it.
   */
  public boolean departureDayPassed(String departureDate) {
    return today().isAfter(LocalDate.parse(departureDate));
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
    LocalDate today = today();
    LocalDate due = workingDays.plusWorkingDays(today, n);
    noteIfProvisional(today, due);
    return startOf(due.plusDays(1));
  }

  private void noteIfProvisional(LocalDate from, LocalDate due) {
    List<Integer> missing = workingDays.yearsWithoutCalendar(from, due);
    if (!missing.isEmpty()) {
      events.publishEvent(new Provisional(from, due, missing));
    }
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
    return reportDue(returnDate, null);
  }

  /**
   * The report is due as {@link #reportDue(String)}, or, when it was sent back on {@code
   * sentBackOn} (an ISO date; null or empty when it was not), by the end of the N-th working day
   * after that if that is later: a filing sent back after its first due day is not overdue at once.
   */
  public Date reportDue(String returnDate, String sentBackOn) {
    return startOf(reportDueDay(returnDate, sentBackOn).plusDays(1));
  }

  public Date reportReminder(String returnDate) {
    return reportReminder(returnDate, null);
  }

  /**
   * A few days before the report is due; for a filing sent back, not before the day after the
   * send-back, whose own mail told the applicant what to do.
   */
  public Date reportReminder(String returnDate, String sentBackOn) {
    LocalDate reminder =
        reportDueDay(returnDate, sentBackOn)
            .plusDays(1)
            .minusDays(settings.reportReminderDaysBefore());
    LocalDate dayAfterSendBack =
        sentBack(sentBackOn) ? LocalDate.parse(sentBackOn).plusDays(1) : null;
    return startOf(
        dayAfterSendBack != null && reminder.isBefore(dayAfterSendBack)
            ? dayAfterSendBack
            : reminder);
  }

  /** The morning of the day the report is due. */
  public Date reportDueToday(String returnDate) {
    return reportDueToday(returnDate, null);
  }

  public Date reportDueToday(String returnDate, String sentBackOn) {
    return startOf(reportDueDay(returnDate, sentBackOn));
  }

  private LocalDate reportDueDay(String returnDate, String sentBackOn) {
    LocalDate first = reportDueDay(returnDate);
    if (!sentBack(sentBackOn)) {
      return first;
    }
    LocalDate sentBack = LocalDate.parse(sentBackOn);
    LocalDate again = workingDays.plusWorkingDays(sentBack, settings.reportRefileWorkingDays());
    noteIfProvisional(sentBack, again);
    return again.isAfter(first) ? again : first;
  }

  private static boolean sentBack(String sentBackOn) {
    return sentBackOn != null && !sentBackOn.isBlank();
  }

  private LocalDate reportDueDay(String returnDate) {
    LocalDate calendarDay = LocalDate.parse(returnDate).plusDays(settings.reportDueDays());
    LocalDate due = workingDays.onOrAfter(calendarDay);
    noteIfProvisional(calendarDay, due);
    return due;
  }

  private Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(settings.zone()).toInstant());
  }
}
