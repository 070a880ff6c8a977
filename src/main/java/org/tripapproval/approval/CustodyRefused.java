package org.tripapproval.approval;

import org.tripapproval.refusal.Refusal;

/** A custody step that cannot be taken now (409), with its reason in both languages. */
class CustodyRefused extends RuntimeException implements Refusal {

  private final int status;

  CustodyRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  @Override
  public int status() {
    return status;
  }
}
