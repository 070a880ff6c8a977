package org.tripapproval.approval;

import org.camunda.bpm.engine.ProcessEngineException;
import org.tripapproval.refusal.Refusal;

/**
 * A claim, assignment or completion refused by {@link FourEyes}; /engine-rest answers it with 403.
 */
public class FourEyesViolation extends ProcessEngineException implements Refusal {

  FourEyesViolation(String user, boolean applicant) {
    super(
        applicant
            ? "回避:"
                + user
                + " 是本出访的申请人,不能审批或核验 / Four eyes: "
                + user
                + " applied for this trip and may not review it; someone else must"
            : "回避:"
                + user
                + " 是本出访团组成员,不能审批或核验 / Four eyes: "
                + user
                + " travels on this trip and may not review it; someone else must");
  }

  @Override
  public int status() {
    return 403;
  }
}
