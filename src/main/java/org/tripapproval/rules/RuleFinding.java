package org.tripapproval.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.tripapproval.trip.Severity;

/**
 * One finding of the rule check: which rule, how serious, what to do about it, and on what
 * authority.
 */
public record RuleFinding(String rule, String severity, String message, String regulation) {

  public static final String BLOCKING = Severity.BLOCKING.code();

  @JsonIgnore
  public boolean isBlocking() {
    return BLOCKING.equals(severity);
  }
}
