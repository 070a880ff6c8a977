package org.tripapproval.audit;

import static org.tripapproval.trip.TripProcess.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
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
import org.springframework.stereotype.Component;
import org.tripapproval.trip.PlainText;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequestValidator;
import org.tripapproval.trip.TripVariables;

/**
 * Every history event of a trip, as the engine produces it in its transaction, becomes an entry of
 * the audit trail and keeps the trip registry in step. Registered by {@link AuditHistoryPlugin}
 * next to the engine's own history tables.
 */
@Component
class TripHistory implements HistoryEventHandler {

  private static final Map<String, String> STATUS_ON_START =
      Map.of(
          REVIEW_TRIP_REQUEST,
          "IN_REVIEW",
          REVISE_TRIP_REQUEST,
          "SENT_BACK",
          PRE_TRIP_DISCLOSURE_ENDED,
          "DISCLOSURE",
          DEPARTURE_DAY_REACHED,
          "APPROVED",
          TRIP_RETURNED,
          "TRAVELLING",
          FILE_TRIP_REPORT,
          "REPORT_DUE",
          VERIFY_TRIP_REPORT,
          "REPORT_FILED",
          POST_TRIP_DISCLOSURE_ENDED,
          "RESULTS_DISCLOSED");
  private static final Map<String, String> REPORT_STATUS_ON_START =
      Map.of(
          FILE_TRIP_REPORT,
          "DUE",
          REPORT_OVERDUE,
          "OVERDUE",
          VERIFY_TRIP_REPORT,
          "FILED",
          POST_TRIP_DISCLOSURE_ENDED,
          "ACCEPTED");
  private static final Map<String, String> STATUS_AT_END =
      Map.of(TRIP_CLOSED, "CLOSED", TRIP_REJECTED, "REJECTED", TRIP_WITHDRAWN, "WITHDRAWN");
  private static final Set<String> ENGINE_BOOKKEEPING =
      Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");
  private static final int MAX_VALUE_LENGTH = 65536;

  private final AuditTrail trail;
  private final TripRegistry registry;
  private final ObjectMapper mapper;
  private final Clock clock;

  private final TripRequestValidator requestCheck;
  private final Validator validator;

  TripHistory(
      AuditTrail trail,
      TripRegistry registry,
      ObjectMapper mapper,
      Clock clock,
      TripRequestValidator requestCheck,
      Validator validator) {
    this.requestCheck = requestCheck;
    this.validator = validator;
    this.trail = trail;
    this.registry = registry;
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
    String id = process.getProcessInstanceId();
    if (is(process, HistoryEventTypes.PROCESS_INSTANCE_START)) {
      registry.submitted(id, process.getStartUserId(), clock.instant());
      record(
          process,
          "trip.submitted",
          details("startedBy", process.getStartUserId()),
          process.getStartUserId());
    } else if (is(process, HistoryEventTypes.PROCESS_INSTANCE_END)) {
      // an administrator's cancellation ends the trip without an end event: "ENDED", with the
      // reason in the trail
      String endActivity = process.getEndActivityId();
      registry.ended(
          id,
          endActivity == null ? "ENDED" : STATUS_AT_END.getOrDefault(endActivity, "ENDED"),
          clock.instant());
      record(
          process,
          "trip.ended",
          details(
              "endActivity", process.getEndActivityId(), "deleteReason", process.getDeleteReason()),
          actor());
    }
  }

  private void onActivity(HistoricActivityInstanceEventEntity activity) {
    String activityId = activity.getActivityId();
    if (activityId == null || activityId.contains("#")) {
      return; // multi-instance bodies repeat their inner activity
    }
    String id = activity.getProcessInstanceId();
    if (is(activity, HistoryEventTypes.ACTIVITY_INSTANCE_START)) {
      if (STATUS_ON_START.containsKey(activityId)) {
        registry.status(id, STATUS_ON_START.get(activityId));
      }
      if (REPORT_STATUS_ON_START.containsKey(activityId)) {
        registry.reportStatus(id, REPORT_STATUS_ON_START.get(activityId));
      }
    } else if (is(activity, HistoryEventTypes.ACTIVITY_INSTANCE_END)) {
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
    record(task, "task." + task.getEventType(), details, actor());
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
    if (!is(variable, HistoryEventTypes.VARIABLE_INSTANCE_DELETE) && value != null) {
      updateRegistry(variable.getProcessInstanceId(), name, value);
    }
  }

  private void updateRegistry(String id, String name, String value) {
    try {
      switch (name) {
        // only what passes the intake's checks is indexed; the intake refuses the rest (400), which
        // rolls this back
        case TripVariables.TRIP -> {
          TripRequest trip = mapper.readValue(value, TripRequest.class);
          if (requestCheck.problems(trip).isEmpty()) {
            registry.request(id, trip);
          }
        }
        case TripVariables.REPORT -> {
          TripReport report = mapper.readValue(value, TripReport.class);
          if (validator.validate(report).isEmpty()
              && PlainText.problems(report, mapper).isEmpty()) {
            registry.report(id, report);
          }
        }
        case TripVariables.APPROVAL_NUMBER -> registry.approvalNumber(id, value);
        case TripVariables.FINDINGS -> {
          JsonNode findings = mapper.readTree(value);
          int blocking = 0;
          StringBuilder rules = new StringBuilder();
          for (JsonNode finding : findings) {
            blocking += "blocking".equals(finding.path("severity").asText()) ? 1 : 0;
            rules.append(rules.isEmpty() ? "" : ",").append(finding.path("rule").asText());
          }
          registry.findings(id, blocking, rules.toString());
        }
        case TripVariables.DECISIONS -> {
          JsonNode decisions = mapper.readTree(value);
          if (!decisions.isEmpty()) {
            JsonNode last = decisions.get(decisions.size() - 1);
            registry.lastDecision(id, last.path("decision").asText(), last.path("reason").asText());
          }
        }
        default -> {}
      }
    } catch (JsonProcessingException e) {
      // the intake listeners refuse malformed JSON before it gets here; keep the trail, skip the
      // read model
    }
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
