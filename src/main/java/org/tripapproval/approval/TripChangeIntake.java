package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.InvalidSubmissionException;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.PlainText;
import org.tripapproval.trip.TripRequest;

/**
 * The start of a change (docs/adr/0022): the form of requestTripChange starts from the approved
 * trip. The end of requestTripChange: a dropped change needs nothing; a submitted one is checked as
 * a request is on submission, must differ from the approved trip, keep its unit and say why, and is
 * stored as {@code proposedTrip} with what it changes, which trip-change-routing.dmn reads. The
 * approved {@code trip} is not touched here.
 */
@Component("tripChangeIntake")
class TripChangeIntake implements ExecutionListener {

  static final String LEADERSHIP_DECISION = "leadership-review-required";

  private final JsonVariables json;
  private final TripRequestIntake intake;
  private final ObjectMapper mapper;

  TripChangeIntake(JsonVariables json, TripRequestIntake intake, ObjectMapper mapper) {
    this.json = json;
    this.intake = intake;
    this.mapper = mapper;
  }

  /** What a change touches, compared with the trip as last approved. */
  record Changes(boolean dates, boolean countries, boolean members, boolean budget) {

    static Changes between(TripRequest approved, TripRequest proposed) {
      return new Changes(
          !approved.departureDate().equals(proposed.departureDate())
              || !approved.returnDate().equals(proposed.returnDate()),
          !approved.countriesCounted().equals(proposed.countriesCounted()),
          !people(approved).equals(people(proposed)),
          approved.totalBudget().compareTo(proposed.totalBudget()) != 0);
    }

    /** Each member by their id where they have one, else by name and post. */
    private static Set<String> people(TripRequest trip) {
      return trip.members().stream()
          .map(m -> m.personId() != null ? m.personId() : m.name() + "/" + m.post())
          .collect(Collectors.toSet());
    }
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (EVENTNAME_START.equals(execution.getEventName())) {
      // a change starts from the trip as approved, with nothing decided yet
      json.write(execution, PROPOSED_TRIP, json.read(execution, TRIP, TripRequest.class));
      execution.setVariable(CHANGE_REASON, "");
      execution.setVariable(CHANGE_ACTION, "");
      return;
    }
    if (execution.isCanceled()) {
      return;
    }
    Object action = execution.getVariable(CHANGE_ACTION);
    if (CHANGE_DROP.equals(action)) {
      return;
    }
    if (!CHANGE_SUBMIT.equals(action)) {
      throw new InvalidSubmissionException(
          List.of(CHANGE_ACTION + ": 请选择提交变更或放弃变更 / choose to submit the change or to drop it"));
    }
    String reason = checkedReason(execution.getVariable(CHANGE_REASON));
    if (execution.getVariable(PROPOSED_TRIP) == null) {
      throw new InvalidSubmissionException(
          List.of(PROPOSED_TRIP + ": 请填写变更后的出访 / the changed trip is missing"));
    }
    TripRequest approved = json.read(execution, TRIP, TripRequest.class);
    TripRequest proposed =
        intake.checked(execution, json.read(execution, PROPOSED_TRIP, TripRequest.class));
    if (!Objects.equals(approved.unit(), proposed.unit())) {
      throw new InvalidSubmissionException(
          List.of("unit: 变更不能改变派出单位 / a change cannot move the trip to another unit"));
    }
    if (mapper.valueToTree(approved).equals(mapper.valueToTree(proposed))) {
      throw new InvalidSubmissionException(
          List.of(PROPOSED_TRIP + ": 与已批准的出访相同,没有变更 / nothing differs from the approved trip"));
    }
    Changes changes = Changes.between(approved, proposed);
    json.write(execution, PROPOSED_TRIP, proposed);
    execution.setVariable(CHANGE_REASON, reason);
    // the engine's clock, which also stamps the reviews that follow
    execution.setVariable(CHANGE_SUBMITTED_AT, ClockUtil.getCurrentTime());
    execution.setVariable(DATES_CHANGED, changes.dates());
    execution.setVariable(COUNTRIES_CHANGED, changes.countries());
    execution.setVariable(MEMBERS_CHANGED, changes.members());
    execution.setVariable(BUDGET_CHANGED, changes.budget());
    execution.setVariable(LEADERSHIP_REQUIRED_BEFORE, leadershipRequired(execution, approved));
    execution.setVariable(LEADERSHIP_REQUIRED_AFTER, leadershipRequired(execution, proposed));
  }

  /** What leadership-review-required.dmn says of a trip, as the routing of a request reads it. */
  private static boolean leadershipRequired(DelegateExecution execution, TripRequest trip) {
    Map<String, Object> facts =
        Map.of(
            PLANNED, trip.isPlanned(),
            HIGHEST_RANK, trip.highestRank().name(),
            DELEGATION_SIZE, trip.members().size(),
            TOTAL_BUDGET, trip.totalBudget().doubleValue());
    return Boolean.TRUE.equals(
        execution
            .getProcessEngineServices()
            .getDecisionService()
            .evaluateDecisionByKey(LEADERSHIP_DECISION)
            .variables(facts)
            .evaluate()
            .getSingleResult()
            .getSingleEntry());
  }

  private String checkedReason(Object given) {
    String reason = given instanceof String text ? text.strip() : "";
    if (reason.isEmpty()) {
      throw new InvalidSubmissionException(
          List.of(CHANGE_REASON + ": 请说明变更的理由 / say why the trip changes"));
    }
    if (reason.length() > DecisionRules.MAX_REASON_LENGTH) {
      throw new InvalidSubmissionException(
          List.of(
              CHANGE_REASON
                  + ": 不超过"
                  + DecisionRules.MAX_REASON_LENGTH
                  + "字 / at most "
                  + DecisionRules.MAX_REASON_LENGTH
                  + " characters"));
    }
    if (!PlainText.problems(reason, mapper).isEmpty()) {
      throw new InvalidSubmissionException(
          List.of(CHANGE_REASON + ": 含有不可见的控制字符 / contains control characters"));
    }
    return reason;
  }
}
