package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.trip.TripProcess;

/**
 * Sees every write of a trip's variables, by any path (task, form, process instance, execution,
 * modification, message), in the command that makes it, and refuses the ones that would break the
 * approval: the whole command rolls back. Registered first among the engine's history handlers
 * ({@link EngineInvariantsPlugin}), so it sees the value before the write as the history still has
 * it; not a Spring bean, as the Camunda starter takes a single HistoryEventHandler bean as the
 * engine's own.
 *
 * <p>A write made by the process itself (a listener, delegate, DMN result or multi-instance of the
 * model) runs with the execution on the engine's execution context; a client's write does not.
 * Clients may set only what a form submits, while its task is open: a decision on its own task, the
 * trip and its letter (when starting or revising), the report (while filing it). Re-sending a value
 * unchanged, as Tasklist's forms do with what they show, is no write. Once the trip is approved (it
 * reached the pre-trip disclosure), its data no longer changes, whoever writes, except by the
 * model's own step applyTripChange once every level approved the change (docs/adr/0022).
 */
class TripVariableGuard implements HistoryEventHandler {

  /**
   * What the forms of the start event, revision and report submit, by the task that submits it
   * after the start.
   */
  private static final Map<String, String> CLIENT_INPUTS =
      Map.of(
          TRIP,
          TripProcess.REVISE_TRIP_REQUEST,
          INVITATION_LETTER,
          TripProcess.REVISE_TRIP_REQUEST,
          REPORT,
          TripProcess.FILE_TRIP_REPORT,
          REPORT_ATTACHMENT,
          TripProcess.FILE_TRIP_REPORT,
          PROPOSED_TRIP,
          TripProcess.REQUEST_TRIP_CHANGE,
          CHANGE_REASON,
          TripProcess.REQUEST_TRIP_CHANGE,
          CHANGE_ACTION,
          TripProcess.REQUEST_TRIP_CHANGE);

  /** What the start form submits: created on the process instance when the trip starts. */
  private static final Set<String> START_INPUTS = Set.of(TRIP, INVITATION_LETTER);

  /** What a decision task's form submits: only on the task itself. */
  private static final Set<String> TASK_DECISION = Set.of(DECISION, DECISION_REASON);

  /**
   * An approved trip: dates, countries and delegation, and what was derived from them and routed.
   */
  private static final Set<String> APPROVED_TRIP =
      Set.of(
          TRIP,
          REQUEST_NUMBER,
          INVITATION_LETTER,
          APPLICANT,
          UNIT,
          DEPARTURE_DATE,
          RETURN_DATE,
          PLANNED,
          HIGHEST_RANK,
          DELEGATION_SIZE,
          TOTAL_BUDGET,
          FINDINGS,
          HAS_BLOCKING_FINDINGS,
          REVIEW_LEVELS);

  /** The steps a trip reaches only after every level approved it and its disclosure ended. */
  private static final List<String> AFTER_APPROVAL =
      List.of(
          TripProcess.ISSUE_APPROVAL_NUMBER,
          TripProcess.AWAIT_DEPARTURE_OR_CHANGE,
          TripProcess.DEPARTURE_DAY_REACHED,
          TripProcess.TRIP_RETURNED,
          TripProcess.FILE_TRIP_REPORT);

  private final AuditTrail trail;
  private final ObjectMapper mapper;

  TripVariableGuard(AuditTrail trail, ObjectMapper mapper) {
    this.trail = trail;
    this.mapper = mapper;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable
        && TripProcess.isTrip(variable.getProcessDefinitionId())) {
      String refusal = refusal(variable);
      if (refusal != null
          && TASK_DECISION.contains(variable.getVariableName())
          && lostItsTask(variable)) {
        // the decision fell through to the execution because someone else completed the task a
        // moment ago
        throw new OptimisticLockingException(
            "the task was completed concurrently: " + variable.getVariableName());
      }
      if (refusal != null) {
        refuse(variable, refusal);
      }
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  /** Why this write is refused, or null. */
  private String refusal(HistoricVariableUpdateEventEntity variable) {
    if (variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE)) {
      return null; // moved with its trip to another version of the model (ADR 0017), unchanged
    }
    String name = variable.getVariableName();
    boolean ownStep = Context.getBpmnExecutionContext() != null;
    boolean deletion = variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE);
    boolean creation = variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE);
    if (deletion
        && (ownStep || variable.getTaskId() != null || isEnding(variable.getProcessInstanceId()))) {
      return null; // the process removing its own, a task's variables going with it, an instance
      // ending
    }
    if (ownStep && (creation || !APPROVED_TRIP.contains(name))) {
      return null; // the process creates the trip's data when it starts, long before any approval
    }
    if (!deletion && unchanged(variable)) {
      return null;
    }
    if (ownStep && isApplyingAnApprovedChange()) {
      return null; // applyTripChange checks the change's approvals before it writes (ADR 0022)
    }
    if (APPROVED_TRIP.contains(name) && isApproved(variable.getProcessInstanceId())) {
      return "出访已批准,行程、日期和团组不能再改 / the trip is approved: its dates, countries and delegation no longer change";
    }
    if (ownStep) {
      return null;
    }
    if (TASK_DECISION.contains(name)) {
      return variable.getTaskId() != null
          ? null
          : "决定只能在审批任务上作出(submit-form)/ a decision is given on its own task (submit-form, as Tasklist does)";
    }
    if (APPLICANT.equals(name)
        && creation
        && Objects.equals(
            variable.getTextValue(), Context.getCommandContext().getAuthenticatedUserId())) {
      return null; // the engine names the initiator when the trip starts
    }
    if (CLIENT_INPUTS.containsKey(name)) {
      boolean atStart =
          creation
              && START_INPUTS.contains(name)
              && variable.getTaskId() == null
              && Objects.equals(variable.getExecutionId(), variable.getProcessInstanceId());
      return atStart || isOpen(variable.getProcessInstanceId(), CLIENT_INPUTS.get(name))
          ? null
          : "只能由 "
              + CLIENT_INPUTS.get(name)
              + " 步骤提交 / is submitted only while "
              + CLIENT_INPUTS.get(name)
              + " is open";
    }
    return "此变量由流程设置,不能直接设置 / this variable is set by the process, not by a client";
  }

  /**
   * Whether the write leaves the value as it was (ignoring the $$hashKey marks AngularJS adds to
   * shown lists).
   */
  private boolean unchanged(HistoricVariableUpdateEventEntity variable) {
    if (!variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE)) {
      return false;
    }
    HistoricVariableInstanceEntity before =
        Context.getCommandContext()
            .getDbEntityManager()
            .selectById(HistoricVariableInstanceEntity.class, variable.getVariableInstanceId());
    if (before == null || !HistoricVariableInstance.STATE_CREATED.equals(before.getState())) {
      return false;
    }
    return Objects.equals(before.getSerializerName(), variable.getSerializerName())
        && Objects.equals(before.getTextValue(), variable.getTextValue())
        && Objects.equals(before.getTextValue2(), variable.getTextValue2())
        && Objects.equals(before.getLongValue(), variable.getLongValue())
        && Objects.equals(before.getDoubleValue(), variable.getDoubleValue())
        && sameBytes(before.getByteArrayValue(), variable.getByteValue());
  }

  private boolean sameBytes(byte[] before, byte[] after) {
    if (before == null || after == null || Arrays.equals(before, after)) {
      return Arrays.equals(before, after);
    }
    try {
      return withoutAngularKeys(mapper.readTree(before))
          .equals(withoutAngularKeys(mapper.readTree(after)));
    } catch (IOException notJson) {
      return false;
    }
  }

  private static JsonNode withoutAngularKeys(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.properties().removeIf(field -> field.getKey().startsWith("$$"));
    }
    if (node != null) {
      node.forEach(TripVariableGuard::withoutAngularKeys);
    }
    return node;
  }

  /**
   * Approved: past the disclosure, or in a disclosure that nothing has reopened since (each window
   * waits at its timer once; each upheld objection, and each objection that held the window past
   * the departure day, sends the trip back to revision once). The steps this command has reached
   * count too: they are not in the database until it ends.
   */
  private static boolean isApproved(String processInstanceId) {
    CommandContext command = Context.getCommandContext();
    Map<String, String> reached = new HashMap<>();
    command
        .runWithoutAuthorization(
            () ->
                command
                    .getProcessEngineConfiguration()
                    .getHistoryService()
                    .createHistoricActivityInstanceQuery()
                    .processInstanceId(processInstanceId)
                    .unlimitedList())
        .forEach(activity -> reached.put(activity.getId(), activity.getActivityId()));
    command
        .getDbEntityManager()
        .getCachedEntitiesByType(HistoricActivityInstanceEventEntity.class)
        .stream()
        .filter(activity -> processInstanceId.equals(activity.getProcessInstanceId()))
        .forEach(activity -> reached.put(activity.getId(), activity.getActivityId()));
    Collection<String> steps = reached.values();
    long windows = steps.stream().filter(TripProcess.PRE_TRIP_DISCLOSURE_ENDED::equals).count();
    long reopened =
        steps.stream()
            .filter(
                step ->
                    step.equals(TripProcess.OBJECTION_UPHELD)
                        || step.equals(TripProcess.DISCLOSURE_HELD_PAST_DEPARTURE))
            .count();
    return steps.stream().anyMatch(AFTER_APPROVAL::contains) || windows > reopened;
  }

  /** Whether the process's own step writing is applyTripChange. */
  private static boolean isApplyingAnApprovedChange() {
    return TripProcess.APPLY_TRIP_CHANGE.equals(
        Context.getBpmnExecutionContext().getExecution().getActivityId());
  }

  /**
   * Whether a task of this trip that the command loaded has since been completed by another
   * transaction.
   */
  private static boolean lostItsTask(HistoricVariableUpdateEventEntity variable) {
    CommandContext command = Context.getCommandContext();
    return command.getDbEntityManager().getCachedEntitiesByType(TaskEntity.class).stream()
        .filter(
            task -> Objects.equals(task.getProcessInstanceId(), variable.getProcessInstanceId()))
        .anyMatch(
            task ->
                command.runWithoutAuthorization(
                        () ->
                            command
                                .getProcessEngineConfiguration()
                                .getTaskService()
                                .createTaskQuery()
                                .taskId(task.getId())
                                .count())
                    == 0);
  }

  private static boolean isOpen(String processInstanceId, String taskKey) {
    CommandContext command = Context.getCommandContext();
    return command.runWithoutAuthorization(
        () ->
            command
                    .getProcessEngineConfiguration()
                    .getTaskService()
                    .createTaskQuery()
                    .processInstanceId(processInstanceId)
                    .taskDefinitionKey(taskKey)
                    .count()
                > 0);
  }

  private static boolean isEnding(String processInstanceId) {
    ExecutionEntity instance =
        Context.getCommandContext().getExecutionManager().findExecutionById(processInstanceId);
    return instance == null || instance.isEnded() || instance.getDeleteReason() != null;
  }

  private void refuse(HistoricVariableUpdateEventEntity variable, String why) {
    String actor = Context.getCommandContext().getAuthenticatedUserId();
    trail.recordRefusal(
        variable.getProcessInstanceId(),
        "variable.refused",
        actor,
        Map.of(
            "variable",
            variable.getVariableName(),
            "write",
            variable.getEventType(),
            "task",
            String.valueOf(variable.getTaskId()),
            "reason",
            why));
    throw new TripInvariantViolation(
        "变量 "
            + variable.getVariableName()
            + " 不能设置:"
            + why
            + " / variable "
            + variable.getVariableName()
            + " refused: "
            + why);
  }
}
