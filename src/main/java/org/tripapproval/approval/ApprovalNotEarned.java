package org.tripapproval.approval;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.tripapproval.refusal.Refusal;

/**
 * The approval number step, or the step that applies a change after approval, found the trip or the
 * change not approved at every level: the job fails into an incident.
 */
public class ApprovalNotEarned extends ProcessEngineException implements Refusal {

  ApprovalNotEarned(List<String> unmet) {
    super(
        "批件不能出具,审批未完成:"
            + unmet
            + " / no approval number: the trip is not approved at every level: "
            + unmet);
  }

  private ApprovalNotEarned(String message) {
    super(message);
  }

  /** A change after approval (ADR 0022) that not every routed level approved. */
  static ApprovalNotEarned change(List<String> unmet) {
    return new ApprovalNotEarned(
        "变更不能生效,审批未完成:"
            + unmet
            + " / the change does not take effect: it is not approved at every level: "
            + unmet);
  }

  @Override
  public int status() {
    return 403;
  }
}
