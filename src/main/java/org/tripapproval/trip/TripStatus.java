package org.tripapproval.trip;

import java.util.Arrays;

/**
 * Where a trip stands, as the trip registry stores it ({@link #name()}): set from the process's
 * history as the trip moves through the model.
 */
public enum TripStatus implements Labelled {
  SUBMITTED("已提交", "Submitted"),
  IN_REVIEW("审批中", "In review"),
  SENT_BACK("退回修改", "Sent back"),
  DISCLOSURE("行前公示", "Pre-trip disclosure"),
  APPROVED("已批准", "Approved"),
  TRAVELLING("出访中", "Travelling"),
  REPORT_DUE("待交报告", "Report due"),
  REPORT_FILED("报告待核验", "Report filed"),
  RESULTS_DISCLOSED("回国公示", "Results disclosed"),
  CLOSED("已归档", "Closed"),
  REJECTED("未批准", "Rejected"),
  WITHDRAWN("已撤回", "Withdrawn"),
  /** Ended without an end event of the model, e.g. cancelled by an administrator. */
  ENDED("已结束", "Ended");

  private final Words words;

  TripStatus(String zh, String en) {
    this.words = new Words(name(), zh, en);
  }

  @Override
  public Words words() {
    return words;
  }

  /**
   * Whether the trip counts as a trip for the frequency rule and the annual plan's totals: every
   * trip in progress or done, not one that was rejected, withdrawn or ended before it could happen.
   */
  public boolean countsAsTrip() {
    return this != REJECTED && this != WITHDRAWN && this != ENDED;
  }

  /**
   * The SQL condition that a registry's status column holds a trip that counts, built from {@link
   * #countsAsTrip()}; the values are the enum's own, never a user's, so they are written into the
   * SQL. Negated, so that a status added later counts unless it is said not to.
   */
  public static String countsAsTripSql(String column) {
    return column
        + " NOT IN "
        + Labels.sqlList(Arrays.stream(values()).filter(status -> !status.countsAsTrip()));
  }

  /** The status a registry row stores; fails on a value that is not one. */
  public static TripStatus fromStored(String stored) {
    return Labels.parse(TripStatus.class, stored);
  }
}
