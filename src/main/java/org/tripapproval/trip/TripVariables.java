package org.tripapproval.trip;

/** Names of the process variables that code, forms and models share. */
public final class TripVariables {

  public static final String TRIP = "trip";

  /** The trip's request number (申请编号), also its business key; set once, on submission. */
  public static final String REQUEST_NUMBER = "requestNumber";

  public static final String INVITATION_LETTER = "invitationLetter";
  public static final String APPLICANT = "applicant";
  public static final String UNIT = "unit";
  public static final String DEPARTURE_DATE = "departureDate";
  public static final String RETURN_DATE = "returnDate";
  public static final String PLANNED = "planned";
  public static final String HIGHEST_RANK = "highestRank";
  public static final String DELEGATION_SIZE = "delegationSize";
  public static final String TOTAL_BUDGET = "totalBudget";
  public static final String FINDINGS = "findings";
  public static final String BUDGET_STANDARDS = "budgetStandards";
  public static final String HAS_BLOCKING_FINDINGS = "hasBlockingFindings";
  public static final String REVIEW_LEVELS = "reviewLevels";
  public static final String REVIEW_LEVEL = "reviewLevel";
  public static final String DECISION = "decision";
  public static final String DECISION_REASON = "decisionReason";
  public static final String DECISIONS = "decisions";

  /**
   * The last decision's outcome, set only by the decision recorder; the gateways read it, never
   * {@link #DECISION}.
   */
  public static final String OUTCOME = "outcome";

  public static final String APPROVAL_NUMBER = "approvalNumber";
  public static final String REPORT = "report";
  public static final String REPORT_ATTACHMENT = "reportAttachment";
  public static final String REPORT_FINDINGS = "reportFindings";

  /** The day the report was last sent back to its applicant (ISO date), if it was. */
  public static final String REPORT_SENT_BACK_ON = "reportSentBackOn";

  /** Why the applicant withdrew the trip, and who did: written by the withdrawal's own step. */
  public static final String WITHDRAWAL_REASON = "withdrawalReason";

  public static final String WITHDRAWN_BY = "withdrawnBy";

  /**
   * The reason as the withdrawal brings it with its message: transient (never stored, so never a
   * client's write of the trip's data), read by the withdrawal's step, which stores it.
   */
  public static final String WITHDRAWAL_REQUEST_REASON = "withdrawalRequestReason";

  /**
   * An objection's grounds and its objector as the objection's message brings them: transient, read
   * by the objection's own step, which keeps them on the objection's scope only.
   */
  public static final String OBJECTION_REQUEST_GROUNDS = "objectionRequestGrounds";

  /**
   * The grounds of an objection and who raised it: local to the objection's event subprocess (never
   * on the trip, whose applicant may read its variables), so only the office and the auditors see
   * the objector.
   */
  public static final String OBJECTION_GROUNDS = "objectionGrounds";

  public static final String OBJECTOR = "objector";

  /**
   * A change after approval (变更, docs/adr/0022): the trip as its applicant wants it now, why, and
   * whether they submit it or drop it ({@link #CHANGE_SUBMIT}, {@link #CHANGE_DROP}); what the form
   * of requestTripChange submits. {@link #TRIP} stays the approved trip until every level approved
   * the change.
   */
  public static final String PROPOSED_TRIP = "proposedTrip";

  public static final String CHANGE_REASON = "changeReason";
  public static final String CHANGE_ACTION = "changeAction";
  public static final String CHANGE_SUBMIT = "submit";
  public static final String CHANGE_DROP = "drop";

  /** When the change under review was last submitted: its reviews are those started since. */
  public static final String CHANGE_SUBMITTED_AT = "changeSubmittedAt";

  /** What the change touches, as trip-change-routing.dmn reads it. */
  public static final String DATES_CHANGED = "datesChanged";

  public static final String COUNTRIES_CHANGED = "countriesChanged";
  public static final String MEMBERS_CHANGED = "membersChanged";
  public static final String BUDGET_CHANGED = "budgetChanged";

  /** Whether leadership-review-required.dmn asks for leadership for the trip before and after. */
  public static final String LEADERSHIP_REQUIRED_BEFORE = "leadershipRequiredBefore";

  public static final String LEADERSHIP_REQUIRED_AFTER = "leadershipRequiredAfter";

  /** The rule check of the proposed trip. */
  public static final String CHANGE_FINDINGS = "changeFindings";

  public static final String CHANGE_HAS_BLOCKING_FINDINGS = "changeHasBlockingFindings";
  public static final String CHANGE_REVIEW_LEVELS = "changeReviewLevels";

  /** How many changes were approved: the approval document's revision is one more. */
  public static final String APPROVED_CHANGES = "approvedChanges";

  /**
   * A passport out of custody (passport-custody.bpmn, ADR 0021): its trip's process instance, its
   * holder's person id, its number and the day it is due back (ISO date), with copies of the trip's
   * {@link #TRIP}, {@link #REQUEST_NUMBER}, {@link #APPLICANT}, {@link #UNIT} and {@link
   * #APPROVAL_NUMBER} for its mail.
   */
  public static final String PASSPORT_TRIP = "passportTrip";

  public static final String PASSPORT_HOLDER = "passportHolder";
  public static final String PASSPORT_NUMBER = "passportNumber";
  public static final String PASSPORT_DUE_BACK = "passportDueBack";

  private TripVariables() {}
}
