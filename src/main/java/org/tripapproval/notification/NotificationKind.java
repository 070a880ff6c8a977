package org.tripapproval.notification;

/** What a message is about; its texts are in mail/notifications*.properties under mail.KIND. */
public enum NotificationKind {
  TASK_ASSIGNED,
  REVIEW_APPROVED,
  TRIP_SENT_BACK,
  TRIP_REJECTED,
  TRIP_APPROVED,
  PRE_TRIP_DISCLOSURE_STARTED,
  PRE_TRIP_DISCLOSURE_ENDED,
  POST_TRIP_DISCLOSURE_STARTED,
  POST_TRIP_DISCLOSURE_ENDED,
  REPORT_DUE_SOON,
  REPORT_DUE_TODAY,
  REPORT_OVERDUE,
  REPORT_OVERDUE_ESCALATION,
  REVIEW_OVERDUE_ESCALATION,
  REPORT_ACCEPTED,
  REPORT_SENT_BACK,
  /** To the absent reviewer's head: the substitute no longer has the reviewer's tasks. */
  SUBSTITUTION_ENDED
}
