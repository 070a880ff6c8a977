package org.tripapproval.approval;

import org.tripapproval.refusal.Refusal;

/** A change after approval that cannot be asked for now (409), each with its reason. */
class ChangeRefused extends RuntimeException implements Refusal {

  private ChangeRefused(String message) {
    super(message);
  }

  static ChangeRefused notApprovedYet() {
    return new ChangeRefused(
        "出访尚未批准:批准前请在任务中修改或撤回 / the trip is not approved yet: before approval it is"
            + " revised or withdrawn, not changed");
  }

  static ChangeRefused underWay() {
    return new ChangeRefused("已有一项变更在办理中 / a change of this trip is already under way");
  }

  static ChangeRefused tooLate() {
    return new ChangeRefused(
        "这次出访已出发或已结束,不能再申请变更 / the trip has departed or ended: it can no longer be" + " changed");
  }

  @Override
  public int status() {
    return 409;
  }
}
