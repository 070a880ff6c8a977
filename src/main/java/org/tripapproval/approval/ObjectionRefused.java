package org.tripapproval.approval;

import org.tripapproval.refusal.Refusal;

/** Why an objection from the disclosure board was not taken: its HTTP status and both languages. */
class ObjectionRefused extends RuntimeException implements Refusal {

  private final int status;

  private ObjectionRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  /**
   * Unknown, and a trip of another unit or not on the board, are refused alike: ids tell nothing.
   */
  static ObjectionRefused notOnTheBoard() {
    return new ObjectionRefused(
        404, "本单位公示栏上没有这次出访 / there is no such trip on your unit's disclosure board");
  }

  static ObjectionRefused notAMember() {
    return new ObjectionRefused(403, "只有本单位人员可以提出异议 / only members of the trip's unit may object");
  }

  static ObjectionRefused windowClosed() {
    return new ObjectionRefused(
        409,
        "这次出访不在公示期内,不能提出异议 / the trip is not in a disclosure window: no objection can be"
            + " raised");
  }

  static ObjectionRefused changedMeanwhile() {
    return new ObjectionRefused(
        409, "这次出访刚刚有了变化,请刷新后再试 / the trip changed a moment ago: reload and try again");
  }

  @Override
  public int status() {
    return status;
  }
}
