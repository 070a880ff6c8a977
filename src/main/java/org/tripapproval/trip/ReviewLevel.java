package org.tripapproval.trip;

/**
 * A level of review that trip-review-routing.dmn routes a request to; {@link #code()} is the
 * table's output and the {@code reviewLevel} variable of a review.
 */
public enum ReviewLevel implements Labelled {
  UNIT_HEAD("unitHead", "单位负责人", "Unit head"),
  FOREIGN_AFFAIRS("foreignAffairs", "外办", "Foreign affairs office"),
  FINANCE("finance", "财政", "Finance"),
  LEADERSHIP("leadership", "分管领导", "Leadership");

  private final String code;
  private final String zh;
  private final String en;

  ReviewLevel(String code, String zh, String en) {
    this.code = code;
    this.zh = zh;
    this.en = en;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String zh() {
    return zh;
  }

  @Override
  public String en() {
    return en;
  }

  /** The level the routing table names; fails on a value that is not one. */
  public static ReviewLevel fromCode(String code) {
    return Labels.parse(ReviewLevel.class, code);
  }
}
