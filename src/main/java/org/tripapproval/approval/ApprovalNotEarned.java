package org.tripapproval.approval;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.tripapproval.refusal.Refusal;

/**
 * The approval number step found the trip not approved at every level: the job fails into an
 * incident.
 */
public class ApprovalNotEarned extends ProcessEngineException implements Refusal {

  ApprovalNotEarned(List<String> unmet) {
    super(
        "批件不能出具,审批未完成:"
            + unmet
            + " / no approval number: the trip is not approved at every level: "
            + unmet);
  }

  @Override
  public int status() {
    return 403;
  }
}
