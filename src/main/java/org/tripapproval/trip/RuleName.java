package org.tripapproval.trip;

/**
 * The audit rules a finding names (the {@code rule} output of trip-rule-check.dmn and
 * trip-report-check.dmn; ids as in RULES.md). The registry keeps a trip's finding rules by these
 * codes; users read the words.
 */
public enum RuleName implements Labelled {
  PURPOSE("purpose", "出访目的", "Purpose"),
  TASKS("tasks", "实质性任务", "Substantive tasks"),
  SIZE("size", "团组人数", "Delegation size"),
  COUNTRIES("countries", "出访国家数", "Countries"),
  DAYS("days", "在外天数", "Days abroad"),
  INVITATION("invitation", "邀请", "Invitation"),
  PLAN("plan", "年度计划", "Annual plan"),
  FREQUENCY("frequency", "出访频次", "Frequency"),
  LEAD_TIME("leadTime", "出发前时间", "Time before departure"),
  LEADERSHIP("leadership", "主要负责人同团", "Principal leaders together"),
  OVERDUE("overdue", "报告或护照逾期", "Overdue report or passport"),
  BUDGET("budget", "经费", "Budget"),
  DEVIATION("deviation", "与批准不符", "Deviation from the approval"),
  PASSPORT("passport", "护照交回", "Passport returned");

  private final Words words;

  RuleName(String code, String zh, String en) {
    this.words = new Words(code, zh, en);
  }

  @Override
  public Words words() {
    return words;
  }
}
