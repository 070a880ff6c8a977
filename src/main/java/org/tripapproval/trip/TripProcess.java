package org.tripapproval.trip;

/** Ids in overseas-trip.bpmn that code and tests refer to. */
public final class TripProcess {

  public static final String KEY = "overseas-trip";
  public static final String SUBMITTED = "tripRequestSubmitted";
  public static final String CHECK_TRIP_RULES = "checkTripRules";
  public static final String ROUTE_TRIP_REVIEWS = "routeTripReviews";
  public static final String REVIEW_TRIP_REQUEST = "reviewTripRequest";
  public static final String REVISE_TRIP_REQUEST = "reviseTripRequest";
  public static final String PRE_TRIP_DISCLOSURE_ENDED = "preTripDisclosureEnded";
  public static final String ISSUE_APPROVAL_NUMBER = "issueApprovalNumber";
  public static final String DEPARTURE_DAY_REACHED = "departureDayReached";
  public static final String EXPLAIN_DISCLOSURE_TOO_LATE = "explainDisclosureTooLate";
  public static final String TRIP_RETURNED = "tripReturned";
  public static final String FILE_TRIP_REPORT = "fileTripReport";
  public static final String REPORT_REMINDER_DUE = "reportReminderDue";
  public static final String REPORT_DUE_TODAY = "reportDueToday";
  public static final String REPORT_OVERDUE = "reportOverdue";
  public static final String REVIEW_OVERDUE = "reviewOverdue";
  public static final String REMIND_APPLICANT_OF_REPORT = "remindApplicantOfReport";
  public static final String ESCALATE_OVERDUE_REPORT = "escalateOverdueReport";
  public static final String CHECK_TRIP_REPORT = "checkTripReport";
  public static final String VERIFY_TRIP_REPORT = "verifyTripReport";
  public static final String POST_TRIP_DISCLOSURE_ENDED = "postTripDisclosureEnded";
  public static final String TRIP_CLOSED = "tripClosed";
  public static final String TRIP_REJECTED = "tripRejectedEnd";
  public static final String TRIP_WITHDRAWN = "tripWithdrawn";

  /** The subprocess that a withdrawal interrupts: everything before departure. */
  public static final String BEFORE_DEPARTURE = "beforeDeparture";

  /** The message boundary event on {@link #BEFORE_DEPARTURE} that a withdrawal triggers. */
  public static final String WITHDRAWAL_CAUGHT = "withdrawalCaught";

  public static final String RECORD_WITHDRAWAL = "recordWithdrawal";

  /** The name of the message that withdraws a trip, correlated by the process instance id. */
  public static final String WITHDRAWAL_REQUESTED = "tripWithdrawalRequested";

  /** The pre-trip disclosure window (公示), a subprocess that objections hold open. */
  public static final String PRE_TRIP_DISCLOSURE = "preTripDisclosure";

  /** The non-interrupting message start of an objection inside {@link #PRE_TRIP_DISCLOSURE}. */
  public static final String OBJECTION_RAISED = "objectionRaised";

  public static final String RECORD_OBJECTION = "recordObjection";
  public static final String DECIDE_OBJECTION = "decideObjection";

  /** The error boundary on {@link #PRE_TRIP_DISCLOSURE} that an upheld objection triggers. */
  public static final String OBJECTION_UPHELD = "objectionUpheld";

  /**
   * Reached when an objection held the pre-trip disclosure past the departure day: the approvals no
   * longer stand, as after an upheld objection.
   */
  public static final String DISCLOSURE_HELD_PAST_DEPARTURE = "disclosureHeldPastDeparture";

  /** The post-trip disclosure window, held by objections to the results as the pre-trip one. */
  public static final String POST_TRIP_DISCLOSURE = "postTripDisclosure";

  public static final String POST_TRIP_OBJECTION_RAISED = "postTripObjectionRaised";
  public static final String RECORD_POST_TRIP_OBJECTION = "recordPostTripObjection";
  public static final String DECIDE_POST_TRIP_OBJECTION = "decidePostTripObjection";

  /** The error boundary on {@link #POST_TRIP_DISCLOSURE}: the report is filed again. */
  public static final String POST_TRIP_OBJECTION_UPHELD = "postTripObjectionUpheld";

  /**
   * The name of the message that raises an objection in either window, correlated by the process
   * instance id.
   */
  public static final String OBJECTION_REQUESTED = "tripObjectionRaised";

  /**
   * After the approval number: the trip waits for its departure day or for its applicant to ask for
   * a change (变更, docs/adr/0022). Entered again after every change, so the departure timer reads
   * the dates as last approved.
   */
  public static final String AWAIT_DEPARTURE_OR_CHANGE = "awaitDepartureOrChange";

  /** The message that My trips correlates when the applicant asks to change an approved trip. */
  public static final String CHANGE_REQUESTED = "tripChangeRequested";

  /** The catch event of {@link #CHANGE_REQUESTED} after {@link #AWAIT_DEPARTURE_OR_CHANGE}. */
  public static final String TRIP_CHANGE_REQUESTED = "tripChangeRequested";

  /** The subprocess of one change: its request, rule check, reviews and application. */
  public static final String TRIP_CHANGE = "tripChange";

  public static final String REQUEST_TRIP_CHANGE = "requestTripChange";
  public static final String CHECK_CHANGED_TRIP_RULES = "checkChangedTripRules";
  public static final String ROUTE_CHANGE_REVIEWS = "routeChangeReviews";
  public static final String REVIEW_TRIP_CHANGE = "reviewTripChange";
  public static final String APPLY_TRIP_CHANGE = "applyTripChange";

  /** The timer on {@link #TRIP_CHANGE}: the departure day came before the change was decided. */
  public static final String CHANGE_OVERTAKEN_BY_DEPARTURE = "changeOvertakenByDeparture";

  /** The process of one passport out of custody, until it is back (ADR 0021). */
  public static final String PASSPORT_CUSTODY_KEY = "passport-custody";

  /** The message the office's hand-back correlates, by the business key trip/person. */
  public static final String PASSPORT_RETURNED = "passportReturned";

  /** The message of a due day moved by an approved change: the timers count from the new day. */
  public static final String PASSPORT_DUE_MOVED = "passportDueMoved";

  public static final String PASSPORT_DUE_SOON = "passportDueSoon";
  public static final String PASSPORT_OVERDUE = "passportOverdue";

  private TripProcess() {}

  /**
   * Whether a process definition id (key:version:id) is a version of the trip process, not another
   * process on the engine.
   */
  public static boolean isTrip(String processDefinitionId) {
    return processDefinitionId != null && processDefinitionId.startsWith(KEY + ":");
  }
}
