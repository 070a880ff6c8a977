package org.tripapproval.audit;

import static org.tripapproval.trip.TripProcess.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Every history event of a trip, as the engine produces it in its transaction, becomes an entry of
 * the audit trail. Made and registered by {@link AuditHistoryPlugin} next to the engine's own
 * history tables — not a bean: the Camunda starter adds a HistoryEventHandler bean to the engine
 * itself, which with the plugin made every event twice; the trip registry keeps itself in step the
 * same way (registry.TripRegistryFeed).
 */
class TripHistory implements HistoryEventHandler {

  private static final Set<String> ENGINE_BOOKKEEPING =
      Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");
  private static final int MAX_VALUE_LENGTH = 65536;

  private final AuditTrail trail;
  private final ObjectMapper mapper;
  private final Clock clock;

  TripHistory(AuditTrail trail, ObjectMapper mapper, Clock clock) {
    this.trail = trail;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!KEY.equals(event.getProcessDefinitionKey()) || event.getProcessInstanceId() == null) {
      return;
    }
    if (event instanceof HistoricProcessInstanceEventEntity process) {
      onProcess(process);
    } else if (event instanceof HistoricActivityInstanceEventEntity activity) {
      onActivity(activity);
    } else if (event instanceof HistoricTaskInstanceEventEntity task) {
      onTask(task);
    } else if (event instanceof HistoricVariableUpdateEventEntity variable
        && isInstanceEvent(variable)) {
      onVariable(variable);
    } else if (event instanceof UserOperationLogEntryEventEntity operation) {
      record(
          operation,
          "operation." + operation.getOperationType(),
          details(
              "entityType",
              operation.getEntityType(),
              "taskId",
              operation.getTaskId(),
              "property",
              operation.getProperty(),
              "from",
              operation.getOrgValue(),
              "to",
              operation.getNewValue()),
          operation.getUserId());
    }
  }

  private void onProcess(HistoricProcessInstanceEventEntity process) {
    if (is(process, HistoryEventTypes.PROCESS_INSTANCE_START)) {
      record(
          process,
          "trip.submitted",
          details("startedBy", process.getStartUserId()),
          process.getStartUserId());
    } else if (is(process, HistoryEventTypes.PROCESS_INSTANCE_END)) {
      record(
          process,
          "trip.ended",
          details(
              "endActivity", process.getEndActivityId(), "deleteReason", process.getDeleteReason()),
          actor());
    } else if (is(process, HistoryEventTypes.PROCESS_INSTANCE_MIGRATE)) {
      // moved to another version of the model, by whatever path: the trip's record says so
      record(
          process,
          "trip.migrated",
          details(
              "processDefinitionId",
              process.getProcessDefinitionId(),
              "version",
              process.getProcessDefinitionVersion()),
          actor());
    }
  }

  private void onActivity(HistoricActivityInstanceEventEntity activity) {
    String activityId = activity.getActivityId();
    if (activityId == null || activityId.contains("#")) {
      return; // multi-instance bodies repeat their inner activity
    }
    if (is(activity, HistoryEventTypes.ACTIVITY_INSTANCE_END)) {
      record(
          activity,
          activity.isCanceled() ? "activity.cancelled" : "activity.completed",
          details(
              "activity",
              activityId,
              "name",
              activity.getActivityName(),
              "type",
              activity.getActivityType()),
          actor());
    }
  }

  private void onTask(HistoricTaskInstanceEventEntity task) {
    Map<String, Object> details =
        details(
            "taskId",
            task.getTaskId(),
            "task",
            task.getTaskDefinitionKey(),
            "name",
            task.getName(),
            "assignee",
            task.getAssignee(),
            "priority",
            task.getPriority(),
            "due",
            task.getDueDate(),
            "deleteReason",
            task.getDeleteReason());
    record(task, "task." + eventOf(task), details, actor());
  }

  /**
   * The engine ends a task cancelled with its activity (the withdrawal at departure) with the same
   * "complete" event as a completed one, and tells them apart by the delete reason.
   */
  private static String eventOf(HistoricTaskInstanceEventEntity task) {
    boolean ended =
        HistoryEventTypes.TASK_INSTANCE_COMPLETE.getEventName().equals(task.getEventType());
    return ended && !"completed".equals(task.getDeleteReason()) ? "delete" : task.getEventType();
  }

  private void onVariable(HistoricVariableUpdateEventEntity variable) {
    String name = variable.getVariableName();
    if (ENGINE_BOOKKEEPING.contains(name)) {
      return;
    }
    String value = valueOf(variable);
    record(
        variable,
        "variable." + variable.getEventType(),
        details(
            "name",
            name,
            "type",
            variable.getSerializerName(),
            "revision",
            variable.getRevision(),
            "value",
            value),
        actor());
  }

  private String valueOf(HistoricVariableUpdateEventEntity variable) {
    String serializer = variable.getSerializerName();
    if (serializer == null || "null".equals(serializer)) {
      return null;
    }
    if ("file".equals(serializer)) {
      byte[] content = variable.getByteValue() == null ? new byte[0] : variable.getByteValue();
      return "file "
          + variable.getTextValue()
          + ", "
          + content.length
          + " bytes, sha256 "
          + AuditTrail.sha256(content);
    }
    String text;
    if (variable.getByteValue() != null) {
      text = new String(variable.getByteValue(), StandardCharsets.UTF_8);
    } else if (variable.getTextValue() != null) {
      text = variable.getTextValue();
    } else if (variable.getLongValue() != null) {
      text = variable.getLongValue().toString();
    } else {
      text = variable.getDoubleValue() == null ? null : variable.getDoubleValue().toString();
    }
    return text == null || text.length() <= MAX_VALUE_LENGTH
        ? text
        : text.substring(0, MAX_VALUE_LENGTH);
  }

  /** The variable instance's own events; the engine also emits a detail event for each of them. */
  private static boolean isInstanceEvent(HistoricVariableUpdateEventEntity variable) {
    return is(variable, HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
        || is(variable, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE)
        || is(variable, HistoryEventTypes.VARIABLE_INSTANCE_DELETE);
  }

  private void record(HistoryEvent event, String name, Map<String, Object> details, String actor) {
    try {
      trail.append(
          new AuditTrail.Entry(
              event.getProcessInstanceId(),
              name,
              actor,
              clock.instant(),
              mapper.writeValueAsString(details)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot record " + name, e);
    }
  }

  private static boolean is(HistoryEvent event, HistoryEventTypes type) {
    return type.getEventName().equals(event.getEventType());
  }

  private static String actor() {
    CommandContext context = Context.getCommandContext();
    return context == null ? null : context.getAuthenticatedUserId();
  }

  private static Map<String, Object> details(Object... keysAndValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        details.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return details;
  }
}
