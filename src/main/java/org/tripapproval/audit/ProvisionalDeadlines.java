package org.tripapproval.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripDeadlines;
import org.tripapproval.trip.TripProcess;

/**
 * A trip's deadline counted over a year without a working-day calendar goes into the trail as
 * {@code deadline.provisional}, in the transaction of the step that set it: the auditors see which
 * dates were counted Monday to Friday only, and {@code deadline.moved} shows when the loaded
 * calendar corrected one.
 */
@Component
public class ProvisionalDeadlines {

  static final String PROVISIONAL = "deadline.provisional";
  static final String MOVED = "deadline.moved";

  private final AuditTrail trail;
  private final ObjectMapper mapper;
  private final Clock clock;

  ProvisionalDeadlines(AuditTrail trail, ObjectMapper mapper, Clock clock) {
    this.trail = trail;
    this.mapper = mapper;
    this.clock = clock;
  }

  @EventListener
  void onProvisional(TripDeadlines.Provisional deadline) {
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    ExecutionEntity execution = context == null ? null : context.getExecution();
    if (execution == null || !TripProcess.isTrip(execution.getProcessDefinitionId())) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("activity", execution.getActivityId());
    details.put("name", execution.getActivity() == null ? null : execution.getActivity().getName());
    details.put("countedFrom", deadline.countedFrom().toString());
    details.put("dueDay", deadline.dueDay().toString());
    details.put("yearsWithoutCalendar", deadline.years());
    append(execution.getProcessInstanceId(), PROVISIONAL, details);
  }

  /** A waiting timer moved to the date its loaded calendar gives. */
  public void moved(String processInstanceId, Map<String, Object> details) {
    append(processInstanceId, MOVED, details);
  }

  private void append(String processInstanceId, String event, Map<String, Object> details) {
    try {
      trail.append(
          new AuditTrail.Entry(
              processInstanceId, event, null, clock.instant(), mapper.writeValueAsString(details)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot record " + event, e);
    }
  }
}
