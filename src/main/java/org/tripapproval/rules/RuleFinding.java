package org.tripapproval.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import org.tripapproval.trip.Severity;

/**
 * One finding of the rule check: which rule, how serious, what to do about it, on what authority,
 * and which deployed rule table produced it ({@code table}, its key, at {@code tableVersion}): the
 * tables change while trips are in flight, and a finding must say which version of the policy it
 * applied. Findings stored before tables were recorded have neither.
 */
public record RuleFinding(
    String rule,
    String severity,
    String message,
    String regulation,
    String table,
    Integer tableVersion) {

  public static final String BLOCKING = Severity.BLOCKING.code();

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
