package org.tripapproval.trip;

/** Where the report on a trip stands, as the trip registry stores it ({@link #name()}). */
public enum ReportStatus implements Labelled {
  NOT_DUE("未到期", "Not due"),
  DUE("待交", "Due"),
  OVERDUE("逾期", "Overdue"),
  FILED("已提交", "Filed"),
  ACCEPTED("已通过", "Accepted");

  private final Words words;

  ReportStatus(String zh, String en) {
    this.words = new Words(name(), zh, en);
  }

  @Override
  public Words words() {
    return words;
  }

  /**
   * Whether the report is still to come after the return, so the passport is not known to be back.
   */
  public boolean isOutstanding() {
    return this == DUE || this == OVERDUE;
  }

  /** The status a registry row stores; fails on a value that is not one. */
  public static ReportStatus fromStored(String stored) {
    return Labels.parse(ReportStatus.class, stored);
  }
}
