package org.tripapproval.registry;

import static org.tripapproval.trip.TripProcess.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.tripapproval.trip.PlainText;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.Severity;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequestValidator;
import org.tripapproval.trip.TripStatus;
import org.tripapproval.trip.TripVariables;

/**
 * Keeps the trip registry in step with the engine: each history event of a trip, in the engine's
 * transaction, so the registry and the engine never disagree. Made and registered by {@link
 * TripRegistryPlugin}, not a bean: the Camunda starter would register a HistoryEventHandler bean a
 * second time.
 */
class TripRegistryFeed implements HistoryEventHandler {

  private static final Map<String, TripStatus> STATUS_ON_START =
      Map.of(
          REVIEW_TRIP_REQUEST,
          TripStatus.IN_REVIEW,
          REVISE_TRIP_REQUEST,
          TripStatus.SENT_BACK,
          PRE_TRIP_DISCLOSURE_ENDED,
          TripStatus.DISCLOSURE,
          AWAIT_DEPARTURE_OR_CHANGE,
          TripStatus.APPROVED,
          TRIP_RETURNED,
          TripStatus.TRAVELLING,
          FILE_TRIP_REPORT,
          TripStatus.REPORT_DUE,
          VERIFY_TRIP_REPORT,
          TripStatus.REPORT_FILED,
          POST_TRIP_DISCLOSURE_ENDED,
          TripStatus.RESULTS_DISCLOSED);
  private static final Map<String, ReportStatus> REPORT_STATUS_ON_START =
      Map.of(
          FILE_TRIP_REPORT,
          ReportStatus.DUE,
          REPORT_OVERDUE,
          ReportStatus.OVERDUE,
          VERIFY_TRIP_REPORT,
          ReportStatus.FILED,
          POST_TRIP_DISCLOSURE_ENDED,
          ReportStatus.ACCEPTED);
  private static final Map<String, TripStatus> STATUS_AT_END =
      Map.of(
          TRIP_CLOSED,
          TripStatus.CLOSED,
          TRIP_REJECTED,
          TripStatus.REJECTED,
          TRIP_WITHDRAWN,
          TripStatus.WITHDRAWN);

  private final TripRegistry registry;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final TripRequestValidator requestCheck;
  private final Validator validator;

  TripRegistryFeed(
      TripRegistry registry,
      ObjectMapper mapper,
      Clock clock,
      TripRequestValidator requestCheck,
      Validator validator) {
    this.registry = registry;
    this.mapper = mapper;
    this.clock = clock;
    this.requestCheck = requestCheck;
    this.validator = validator;
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
    String id = event.getProcessInstanceId();
    if (event instanceof HistoricProcessInstanceEventEntity process) {
      if (is(process, HistoryEventTypes.PROCESS_INSTANCE_START)) {
        registry.submitted(id, process.getStartUserId(), clock.instant());
      } else if (is(process, HistoryEventTypes.PROCESS_INSTANCE_END)) {
        // an administrator's cancellation ends the trip without an end event: ENDED
        String endActivity = process.getEndActivityId();
        registry.ended(
            id,
            endActivity == null
                ? TripStatus.ENDED
                : STATUS_AT_END.getOrDefault(endActivity, TripStatus.ENDED),
            clock.instant());
      }
    } else if (event instanceof HistoricActivityInstanceEventEntity activity
        && is(activity, HistoryEventTypes.ACTIVITY_INSTANCE_START)) {
      String activityId = activity.getActivityId();
      if (STATUS_ON_START.containsKey(activityId)) {
        registry.status(id, STATUS_ON_START.get(activityId));
      }
      if (REPORT_STATUS_ON_START.containsKey(activityId)) {
        registry.reportStatus(id, REPORT_STATUS_ON_START.get(activityId));
      }
    } else if (event instanceof HistoricVariableUpdateEventEntity variable
        && (is(variable, HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
            || is(variable, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE))) {
      String value = textOf(variable);
      if (value != null) {
        update(id, variable.getVariableName(), value);
      }
    }
  }

  private void update(String id, String name, String value) {
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
        case TripVariables.REQUEST_NUMBER -> registry.requestNumber(id, value);
        case TripVariables.APPROVAL_NUMBER -> registry.approvalNumber(id, value);
        case TripVariables.FINDINGS -> {
          JsonNode findings = mapper.readTree(value);
          int blocking = 0;
          StringBuilder rules = new StringBuilder();
          for (JsonNode finding : findings) {
            blocking += Severity.BLOCKING.code().equals(finding.path("severity").asText()) ? 1 : 0;
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
      // the intake listeners refuse malformed JSON before it gets here; the trail keeps it
    }
  }

  /** The registry reads the JSON and string variables only: the ones named in {@link #update}. */
  private static String textOf(HistoricVariableUpdateEventEntity variable) {
    if (variable.getByteValue() != null && !"file".equals(variable.getSerializerName())) {
      return new String(variable.getByteValue(), StandardCharsets.UTF_8);
    }
    return variable.getTextValue();
  }

  private static boolean is(HistoryEvent event, HistoryEventTypes type) {
    return type.getEventName().equals(event.getEventType());
  }
}
