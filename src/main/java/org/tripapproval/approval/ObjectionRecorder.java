package org.tripapproval.approval;

import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.trip.InvalidSubmissionException;

/**
 * The step {@code recordObjection}: keeps an objection's grounds and its objector on the
 * objection's own scope (the event subprocess), where the office's task reads them and the
 * applicant, who may read the trip's own variables, does not; and writes the objection to the
 * trail, for the auditors. The grounds come with the objection's message (Objections); an objection
 * without them fails, whoever correlated it.
 */
@Component("objectionRecorder")
class ObjectionRecorder implements JavaDelegate {

  static final String TRAIL_EVENT = "objection.raised";

  private final AuditTrail trail;
  private final ObjectMapper mapper;
  private final Clock clock;

  ObjectionRecorder(AuditTrail trail, ObjectMapper mapper, Clock clock) {
    this.trail = trail;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) throws JsonProcessingException {
    Object grounds = execution.getVariable(OBJECTION_REQUEST_GROUNDS);
    if (!(grounds instanceof String given) || given.isBlank()) {
      throw new InvalidSubmissionException(
          List.of("grounds: 请说明异议的理由 / say what the objection is"));
    }
    Authentication caller =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String objector = caller != null ? caller.getUserId() : "system";
    execution.setVariableLocal(OBJECTION_GROUNDS, given.strip());
    execution.setVariableLocal(OBJECTOR, objector);
    trail.append(
        new AuditTrail.Entry(
            execution.getProcessInstanceId(),
            TRAIL_EVENT,
            objector,
            clock.instant(),
            mapper.writeValueAsString(Map.of("grounds", given.strip(), "objector", objector))));
  }
}
