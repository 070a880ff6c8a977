package org.tripapproval.trip;

/** How serious a finding is: a blocking one sends the request back, a warning goes to reviewers. */
public enum Severity implements Labelled {
  BLOCKING("blocking", "须纠正", "Blocking"),
  WARNING("warning", "提示", "Warning");

  private final Words words;

  Severity(String code, String zh, String en) {
    this.words = new Words(code, zh, en);
  }

  @Override
  public Words words() {
    return words;
  }
}
