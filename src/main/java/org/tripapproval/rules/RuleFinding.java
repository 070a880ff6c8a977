package org.tripapproval.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One finding of the rule check: which rule, how serious, what to do about it, and on what
 * authority.
 */
public record RuleFinding(String rule, String severity, String message, String regulation) {

  public static final String BLOCKING = "blocking";

  @JsonIgnore
  public boolean isBlocking() {
    return BLOCKING.equals(severity);
  }
}
