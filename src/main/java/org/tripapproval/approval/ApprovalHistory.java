package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Service;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.JsonVariables;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * Before an approval number is issued: the history, not a variable anyone could have set, must show
 * every routed level of the current round approved by an eligible reviewer (a member of the level's
 * candidate group or a candidate user of that very task, such as a substitute; never the applicant
 * nor a member of the delegation). A refusal is written to the trail in a transaction of its own,
 * as the step itself is rolled back and its job fails into an incident.
 */
@Service
class ApprovalHistory {

  private final HistoryService history;
  private final IdentityService identity;
  private final ReviewRouting routing;
  private final FourEyes fourEyes;
  private final JsonVariables json;
  private final AuditTrail trail;

  ApprovalHistory(
      HistoryService history,
      IdentityService identity,
      ReviewRouting routing,
      FourEyes fourEyes,
      JsonVariables json,
      AuditTrail trail) {
    this.history = history;
    this.identity = identity;
    this.routing = routing;
    this.fourEyes = fourEyes;
    this.json = json;
    this.trail = trail;
  }

  /** Returns when the trip is approved at every level; else records why and throws. */
  void requireApproved(DelegateExecution execution) {
    refuseUnless(execution, unmet(execution), ApprovalNotEarned::new);
  }

  /**
   * Returns when the change under review (docs/adr/0022) is approved at every level it was routed
   * to, by reviews started since it was last submitted, none by the applicant or a member of the
   * trip as approved or as changed; else records why and throws.
   */
  void requireChangeApproved(DelegateExecution execution) {
    @SuppressWarnings("unchecked")
    List<String> levels =
        execution.getVariable(CHANGE_REVIEW_LEVELS) instanceof List<?> routed
            ? (List<String>) routed
            : null;
    Date since = (Date) execution.getVariable(CHANGE_SUBMITTED_AT);
    TripRequest approved = json.read(execution, TRIP, TripRequest.class);
    TripRequest proposed = json.read(execution, PROPOSED_TRIP, TripRequest.class);
    List<ApprovalRound.Review> reviews =
        since == null
            ? List.of()
            : endedReviews(execution.getProcessInstanceId(), since, TripProcess.REVIEW_TRIP_CHANGE);
    refuseUnless(
        execution,
        ApprovalRound.unmet(
            levels,
            reviews,
            review -> {
              String why = ineligibility(execution, review, approved);
              return why != null ? why : ineligibility(execution, review, proposed);
            }),
        ApprovalNotEarned::change);
  }

  private void refuseUnless(
      DelegateExecution execution,
      List<String> unmet,
      Function<List<String>, ApprovalNotEarned> refusal) {
    if (unmet.isEmpty()) {
      return;
    }
    trail.recordRefusal(
        execution.getProcessInstanceId(),
        "approval.refused",
        null,
        Map.of("step", execution.getCurrentActivityId(), "unmet", unmet));
    throw refusal.apply(unmet);
  }

  List<String> unmet(DelegateExecution execution) {
    @SuppressWarnings("unchecked")
    List<String> levels =
        execution.getVariable(REVIEW_LEVELS) instanceof List<?> routed
            ? (List<String>) routed
            : null;
    TripRequest trip = json.read(execution, TRIP, TripRequest.class);
    return ApprovalRound.unmet(
        levels,
        endedReviews(
            execution.getProcessInstanceId(),
            null,
            TripProcess.REVIEW_TRIP_REQUEST,
            TripProcess.DECIDE_OBJECTION),
        review -> ineligibility(execution, review, trip));
  }

  /** Why the review's reviewer may not decide at its level for this trip, or null. */
  private String ineligibility(
      DelegateExecution execution, ApprovalRound.Review review, TripRequest trip) {
    String conflict =
        fourEyes.conflictOf(review.decidedBy(), (String) execution.getVariable(APPLICANT), trip);
    if (conflict != null) {
      return FourEyesRule.APPLICANT.equals(conflict)
          ? "申请人 the applicant"
          : "出访团组成员 a member of the delegation";
    }
    String group = routing.candidateGroup(review.level(), (String) execution.getVariable(UNIT));
    return isMember(review.decidedBy(), group) || wasCandidate(review.decidedBy(), review.taskId())
        ? null
        : "不是 " + group + " 成员 not a member of " + group;
  }

  /**
   * The trip's ended review tasks in the order they ended, with what was decided on each; an
   * objection the office upheld or ended in a rejection ends the round as a send-back does (a
   * dismissed one changes nothing).
   */
  private List<ApprovalRound.Review> endedReviews(
      String processInstanceId, Date startedSince, String... taskKeys) {
    var query =
        history
            .createHistoricTaskInstanceQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKeyIn(taskKeys)
            .finished();
    if (startedSince != null) {
      query.startedAfter(new Date(startedSince.getTime() - 1));
    }
    List<HistoricTaskInstance> tasks = new ArrayList<>(query.list());
    if (tasks.isEmpty()) {
      return List.of();
    }
    tasks.sort(
        Comparator.comparing(HistoricTaskInstance::getEndTime)
            .thenComparing(HistoricTaskInstance::getStartTime));
    Map<String, Map<String, Object>> local = new HashMap<>();
    for (HistoricVariableInstance variable :
        history
            .createHistoricVariableInstanceQuery()
            .processInstanceId(processInstanceId)
            .taskIdIn(tasks.stream().map(HistoricTaskInstance::getId).toArray(String[]::new))
            .variableNameIn(DECISION, REVIEW_LEVEL, DecisionRecorder.DECIDED_BY)
            .includeDeleted()
            .list()) {
      local
          .computeIfAbsent(variable.getTaskId(), id -> new HashMap<>())
          .put(variable.getName(), variable.getValue());
    }
    return tasks.stream()
        .filter(
            task ->
                !TripProcess.DECIDE_OBJECTION.equals(task.getTaskDefinitionKey())
                    || !Decision.DISMISS.is(
                        local.getOrDefault(task.getId(), Map.of()).get(DECISION))
                    || !"completed".equals(task.getDeleteReason()))
        .map(
            task -> {
              Map<String, Object> values = local.getOrDefault(task.getId(), Map.of());
              // a task that did not complete (cancelled, deleted) decided nothing
              boolean completed = "completed".equals(task.getDeleteReason());
              return new ApprovalRound.Review(
                  task.getId(),
                  (String) values.get(REVIEW_LEVEL),
                  completed ? (String) values.get(DECISION) : null,
                  (String) values.get(DecisionRecorder.DECIDED_BY));
            })
        .toList();
  }

  private boolean isMember(String user, String group) {
    return Context.getCommandContext()
            .runWithoutAuthorization(
                () -> identity.createUserQuery().userId(user).memberOfGroup(group).count())
        > 0;
  }

  private boolean wasCandidate(String user, String taskId) {
    return history
            .createHistoricIdentityLinkLogQuery()
            .taskId(taskId)
            .type(IdentityLinkType.CANDIDATE)
            .userId(user)
            .operationType("add")
            .count()
        > 0;
  }
}
