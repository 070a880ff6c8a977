package org.tripapproval.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import org.tripapproval.trip.Severity;

/**
 * One finding of the rule check: which rule, how serious, what to do about it, on what authority,
 * and which deployed rule table produced it ({@code table}, its key, at {@code tableVersion}): the
 * tables change while trips are in flight, and a finding must say which version of the policy it
 * applied. Findings stored before tables were recorded have neither. A budget finding also names
 * the versions of the per-diem standards and exchange rates it was judged by ({@code standards}),
 * which are data finance loads, not a rule table.
 */
public record RuleFinding(
    String rule,
    String severity,
    String message,
    String regulation,
    String table,
    Integer tableVersion,
    String standards) {

  public static final String BLOCKING = Severity.BLOCKING.code();

  /** The canonical form, for Jackson: findings stored before {@code standards} came lack it. */
  @JsonCreator
  public RuleFinding {}

  /** A finding that rests on no per-diem standards. */
  public RuleFinding(
      String rule,
      String severity,
      String message,
      String regulation,
      String table,
      Integer tableVersion) {
    this(rule, severity, message, regulation, table, tableVersion, null);
  }

  RuleFinding withStandards(String versions) {
    return new RuleFinding(rule, severity, message, regulation, table, tableVersion, versions);
  }

  /** A row of an evaluated rule table (outputs rule, severity, message, regulation). */
  static RuleFinding of(Map<String, Object> row, RuleTables.Evaluated table) {
    return new RuleFinding(
        (String) row.get("rule"),
        (String) row.get("severity"),
        (String) row.get("message"),
        (String) row.get("regulation"),
        table.key(),
        table.version());
  }

  @JsonIgnore
  public boolean isBlocking() {
    return BLOCKING.equals(severity);
  }
}
