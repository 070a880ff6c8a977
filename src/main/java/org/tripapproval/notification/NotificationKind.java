package org.tripapproval.notification;

/**
 * What a message is about, and who hears of it; its texts are in mail/notifications*.properties
 * under mail.KIND. The model names the kinds its steps send ({@link ModelNotices}).
 */
public enum NotificationKind {
  TASK_ASSIGNED(Audience.TASK_CANDIDATES),
  REVIEW_APPROVED(Audience.APPLICANT),
  TRIP_SENT_BACK(Audience.APPLICANT),
  TRIP_REJECTED(Audience.APPLICANT),
  TRIP_APPROVED(Audience.APPLICANT),
  PRE_TRIP_DISCLOSURE_STARTED(Audience.APPLICANT),
  PRE_TRIP_DISCLOSURE_ENDED(Audience.APPLICANT),
  POST_TRIP_DISCLOSURE_STARTED(Audience.APPLICANT),
  POST_TRIP_DISCLOSURE_ENDED(Audience.APPLICANT),
  REPORT_DUE_SOON(Audience.APPLICANT),
  REPORT_DUE_TODAY(Audience.APPLICANT),
  REPORT_OVERDUE(Audience.APPLICANT),
  REPORT_OVERDUE_ESCALATION(Audience.UNIT_SUPERVISORS),
  REVIEW_OVERDUE_ESCALATION(Audience.UNIT_SUPERVISORS),
  REPORT_ACCEPTED(Audience.APPLICANT),
  REPORT_SENT_BACK(Audience.APPLICANT),
  /** The office upheld an objection to the disclosed trip: the request comes back for revision. */
  OBJECTION_UPHELD(Audience.APPLICANT),
  /** The office dismissed an objection: the disclosure goes on. */
  OBJECTION_DISMISSED(Audience.APPLICANT),
  /** The unit's heads and the office: the reviews and disclosure of the trip end with it. */
  TRIP_WITHDRAWN(Audience.UNIT_SUPERVISORS),
  /** Every level approved a change after approval: the document is reissued (ADR 0022). */
  TRIP_CHANGE_APPROVED(Audience.APPLICANT),
  /** A reviewer sent the change back to its applicant, with a reason. */
  TRIP_CHANGE_SENT_BACK(Audience.APPLICANT),
  /** A reviewer refused the change, with a reason: the approved trip stands. */
  TRIP_CHANGE_REFUSED(Audience.APPLICANT),
  /** The departure day came before the change was decided: the trip goes as approved. */
  TRIP_CHANGE_LAPSED(Audience.APPLICANT),
  /**
   * The working day before a passport is due back: to the applicant and the holder, where the
   * holder has a user (ADR 0021).
   */
  PASSPORT_DUE_SOON(Audience.APPLICANT),
  /** A passport is out past its day: to the unit's heads and the office. */
  PASSPORT_OVERDUE_ESCALATION(Audience.UNIT_SUPERVISORS),
  /** To the absent reviewer's head: the substitute no longer has the reviewer's tasks. */
  SUBSTITUTION_ENDED(Audience.GIVEN_GROUPS),
  /** To the administrators and the office: a year's working-day calendar is needed and missing. */
  CALENDAR_MISSING(Audience.GIVEN_GROUPS);

  /** Who receives a message of a kind. */
  public enum Audience {
    /** The trip's applicant. */
    APPLICANT,
    /** The heads of the trip's unit and the foreign affairs office. */
    UNIT_SUPERVISORS,
    /** The assignee of a new task, or the members of its candidate groups. */
    TASK_CANDIDATES,
    /** The groups the caller names. */
    GIVEN_GROUPS
  }

  private final Audience audience;

  NotificationKind(Audience audience) {
    this.audience = audience;
  }

  public Audience audience() {
    return audience;
  }
}
