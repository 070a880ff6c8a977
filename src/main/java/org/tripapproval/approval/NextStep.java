package org.tripapproval.approval;

import static org.tripapproval.trip.TripProcess.*;

import java.util.List;
import java.util.Optional;
import org.tripapproval.trip.Labelled;

/**
 * What a trip waits for next, as its applicant reads it in My trips (我的出访): one word per step of
 * the model where a trip can wait, in the order in which they are looked for.
 */
enum NextStep implements Labelled {
  REVISION(REVISE_TRIP_REQUEST, "待您修改申请", "Your turn: revise the request"),
  REVIEW(REVIEW_TRIP_REQUEST, "审核中", "In review"),
  CHANGE_REQUEST(REQUEST_TRIP_CHANGE, "待您填写变更申请", "Your turn: fill in the change"),
  CHANGE_REVIEW(
      REVIEW_TRIP_CHANGE, "变更审核中(按原批准执行)", "Change in review (the trip stands as approved)"),
  REPORT(FILE_TRIP_REPORT, "待您提交出访报告", "Your turn: file the trip report"),
  VERIFICATION(VERIFY_TRIP_REPORT, "外办核验报告", "The foreign affairs office verifies the report"),
  OBJECTION(DECIDE_OBJECTION, "公示异议待外办处理", "An objection awaits the foreign affairs office"),
  POST_TRIP_OBJECTION(
      DECIDE_POST_TRIP_OBJECTION, "成果异议待外办处理", "An objection to the results awaits the office"),
  PRE_TRIP_DISCLOSURE(PRE_TRIP_DISCLOSURE_ENDED, "行前公示中", "Pre-trip disclosure"),
  APPROVAL_NUMBER(ISSUE_APPROVAL_NUMBER, "出具批件", "The approval number is being issued"),
  DEPARTURE(AWAIT_DEPARTURE_OR_CHANGE, "待出发", "Departure"),
  RETURN(TRIP_RETURNED, "出访中,回国后提交报告", "Travelling: the report follows the return"),
  POST_TRIP_DISCLOSURE(POST_TRIP_DISCLOSURE_ENDED, "回国公示中", "Post-trip disclosure"),
  RULE_CHECK(CHECK_TRIP_RULES, "规则审查", "Rule check");

  private final String activity;
  private final Words words;

  NextStep(String activity, String zh, String en) {
    this.activity = activity;
    this.words = new Words(name(), zh, en);
  }

  @Override
  public Words words() {
    return words;
  }

  /** The step where the model waits. */
  String activity() {
    return activity;
  }

  /** The step the trip waits at, of the activities active in it. */
  static Optional<NextStep> of(List<String> activeActivities) {
    for (NextStep step : values()) {
      if (activeActivities.contains(step.activity)) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }
}
