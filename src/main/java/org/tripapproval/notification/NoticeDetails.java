package org.tripapproval.notification;

import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripDeadlines;

/**
 * The detail a notice that the model names carries: the day a window or a report is due, or the
 * review period. Notices whose detail is the step's own result (a decision's reason, an approval
 * number) get it from the step instead.
 */
@Component
class NoticeDetails {

  private final TripDeadlines deadlines;

  NoticeDetails(TripDeadlines deadlines) {
    this.deadlines = deadlines;
  }

  /** The detail of a notice about a trip that returns (or returned) on {@code returnDate}. */
  String of(NotificationKind kind, String returnDate) {
    return switch (kind) {
      case PRE_TRIP_DISCLOSURE_STARTED -> deadlines.day(deadlines.preTripDisclosureEnd());
      case POST_TRIP_DISCLOSURE_STARTED -> deadlines.day(deadlines.postTripDisclosureEnd());
      case REPORT_DUE_SOON, REPORT_DUE_TODAY, REPORT_OVERDUE, REPORT_OVERDUE_ESCALATION ->
          deadlines.day(deadlines.reportDue(returnDate));
      case REVIEW_OVERDUE_ESCALATION -> deadlines.reviewPeriod();
      default -> null;
    };
  }
}
