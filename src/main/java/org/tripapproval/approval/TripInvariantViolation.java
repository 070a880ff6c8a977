package org.tripapproval.approval;

import org.camunda.bpm.engine.ProcessEngineException;
import org.tripapproval.refusal.Refusal;

/**
 * A call the engine refuses because it would break one of the approval's invariants (a variable the
 * process owns, an approved trip's data, a BPMN error thrown on a trip task, a modification without
 * an administrator's reason). The step is rolled back; /engine-rest should answer 403.
 */
public class TripInvariantViolation extends ProcessEngineException implements Refusal {

  TripInvariantViolation(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 403;
  }
}
