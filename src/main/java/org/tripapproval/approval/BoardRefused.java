package org.tripapproval.approval;

import org.tripapproval.refusal.Refusal;

/** Why a disclosure board is not shown to the caller. */
class BoardRefused extends RuntimeException implements Refusal {

  private final int status;

  private BoardRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  static BoardRefused noSuchUnit() {
    return new BoardRefused(404, "没有这个单位 / there is no such unit");
  }

  static BoardRefused notYourUnit() {
    return new BoardRefused(
        403,
        "公示栏只对本单位人员和外办开放 / a unit's disclosure board is for its members and the foreign affairs"
            + " office");
  }

  @Override
  public int status() {
    return status;
  }
}
