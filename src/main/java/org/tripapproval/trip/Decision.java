package org.tripapproval.trip;

/**
 * What a reviewer, verifier or applicant decides on a task; {@link #code()} is what the forms
 * submit, the decisions list keeps and the model's gateways read as {@code outcome}.
 */
public enum Decision implements Labelled {
  APPROVE("approve", "同意", "Approve"),
  SEND_BACK("sendBack", "退回", "Send back"),
  REJECT("reject", "不予批准", "Reject"),
  ACCEPT("accept", "通过", "Accept"),
  WITHDRAW("withdraw", "撤回", "Withdraw"),
  UPHOLD("uphold", "异议成立,退回修改", "Uphold and send back"),
  DISMISS("dismiss", "异议不成立,继续公示", "Dismiss and disclose on");

  private final Words words;

  Decision(String code, String zh, String en) {
    this.words = new Words(code, zh, en);
  }

  @Override
  public Words words() {
    return words;
  }

  /** A decision against the request must say why. */
  public boolean needsReason() {
    return this == SEND_BACK
        || this == REJECT
        || this == WITHDRAW
        || this == UPHOLD
        || this == DISMISS;
  }

  /** Whether this stored or submitted code is this decision; false for null or any other text. */
  public boolean is(Object code) {
    return words.code().equals(code);
  }

  /** The decision a form submitted or a decisions list stores; fails on a value that is not one. */
  public static Decision fromCode(String code) {
    return Labels.parse(Decision.class, code);
  }
}
