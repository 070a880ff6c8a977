package org.tripapproval.identity;

/** The groups that roles are given through; unit-head groups exist once per unit. */
public final class RoleGroups {

  public static final String APPLICANTS = "applicants";
  public static final String FOREIGN_AFFAIRS_OFFICE = "foreign-affairs-office";
  public static final String FINANCE = "finance";
  public static final String LEADERSHIP = "leadership";
  public static final String AUDITORS = "auditors";
  public static final String ADMINISTRATORS = "camunda-admin";

  /** Every unit head is also here: Tasklist access comes with it. */
  public static final String UNIT_HEADS = "unit-heads";

  public static final String UNIT_HEAD_PREFIX = "unit-head-";
  public static final String UNIT_TYPE = "unit";
  public static final String ROLE_TYPE = "role";

  private RoleGroups() {}

  public static String unitHeads(String unit) {
    return UNIT_HEAD_PREFIX + unit;
  }
}
