package org.tripapproval.approval;

import org.tripapproval.refusal.Refusal;

/** A withdrawal that cannot be: not the caller's trip (404), or no longer possible (409). */
class WithdrawalRefused extends RuntimeException implements Refusal {

  private final int status;

  private WithdrawalRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  /** Unknown and someone else's trip are refused alike, so that ids tell nobody anything. */
  static WithdrawalRefused notYours() {
    return new WithdrawalRefused(404, "没有找到您的这次出访 / there is no trip of yours with this id");
  }

  static WithdrawalRefused ended() {
    return new WithdrawalRefused(
        409, "这次出访的流程已结束,不能撤回 / this trip has ended: it can no longer be withdrawn");
  }

  static WithdrawalRefused departed() {
    return new WithdrawalRefused(
        409, "已到出发日期,不能再撤回 / the trip has reached its departure: it can no longer be withdrawn");
  }

  @Override
  public int status() {
    return status;
  }
}
