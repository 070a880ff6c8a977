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

  /** A reviewer decided, or a timer fired, in the same moment: nothing was withdrawn. */
  static WithdrawalRefused changedMeanwhile() {
    return new WithdrawalRefused(
        409, "这次出访刚刚有了变化,请刷新后再试 / the trip changed a moment ago: reload and try again");
  }

  @Override
  public int status() {
    return status;
  }
}
