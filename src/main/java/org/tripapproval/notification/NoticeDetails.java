package org.tripapproval.notification;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.tripapproval.notification.MailBody.Value;
import org.tripapproval.trip.TripDeadlines;

/**
 * The values a notice that the model names carries: the day a window or a report is due, or the
 * review period. Notices whose values are the step's own result (a decision, an approval number)
 * get them from the step instead.
 */
@Component
class NoticeDetails {

  private static final DateTimeFormatter CHINESE = DateTimeFormatter.ofPattern("y年M月d日");
  private static final DateTimeFormatter ENGLISH =
      DateTimeFormatter.ofPattern("d MMMM y", Locale.ENGLISH);

  private final TripDeadlines deadlines;

  NoticeDetails(TripDeadlines deadlines) {
    this.deadlines = deadlines;
  }

  /**
   * The values of a notice about a trip that returns (or returned) on {@code returnDate}, whose
   * report was last sent back on {@code reportSentBackOn} (null if it was not).
   */
  List<Value> of(NotificationKind kind, String returnDate, String reportSentBackOn) {
    return switch (kind) {
      case PRE_TRIP_DISCLOSURE_STARTED -> day(deadlines.day(deadlines.preTripDisclosureEnd()));
      case POST_TRIP_DISCLOSURE_STARTED -> day(deadlines.day(deadlines.postTripDisclosureEnd()));
      case REPORT_DUE_SOON, REPORT_DUE_TODAY, REPORT_OVERDUE, REPORT_OVERDUE_ESCALATION ->
          day(deadlines.day(deadlines.reportDue(returnDate, reportSentBackOn)));
      case REVIEW_OVERDUE_ESCALATION ->
          List.of(Value.kept(String.valueOf(deadlines.reviewPeriodWorkingDays())));
      default -> List.of();
    };
  }

  /** A day as each language writes it: 2026年5月12日, 12 May 2026. */
  static List<Value> day(String isoDate) {
    return List.of(Value.word(date(isoDate)));
  }

  static Phrase date(String isoDate) {
    LocalDate day = LocalDate.parse(isoDate);
    return new Phrase(CHINESE.format(day), ENGLISH.format(day));
  }
}
