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

  private final Words words;

  ReviewLevel(String code, String zh, String en) {
    this.words = new Words(code, zh, en);
  }

  @Override
  public Words words() {
    return words;
  }

  /** The level the routing table names; fails on a value that is not one. */
  public static ReviewLevel fromCode(String code) {
    return Labels.parse(ReviewLevel.class, code);
  }
}
