package org.tripapproval.notification;

import java.util.List;
import org.tripapproval.notification.MailBody.Value;

/**
 * What a message says: to whom, about which trip (or none), the values its sentences name (a task,
 * a level, a date, a number), why the request or report came back where it did, and a link.
 */
record MailModel(
    String recipient, TripSummary trip, List<Value> values, Returned returned, String link) {

  /**
   * What a message says about its trip, in words: names, not ids. {@code label} names it in the
   * subject: the request number (the unit's name for a trip submitted before there were numbers),
   * the departure and the countries in Chinese.
   */
  record TripSummary(
      String label,
      String requestNumber,
      String applicant,
      String unit,
      String dates,
      String countries,
      String purpose,
      String approvalNumber) {}

  /**
   * Why a request or report came back, or what its reviewer said: who decided (a name), at which
   * level (or null), the reason as typed (or blank), and the findings of the rule check in words.
   */
  record Returned(String by, Phrase level, String reason, List<Finding> findings) {

    static Returned findingsOnly(List<Finding> findings) {
      return new Returned(null, null, "", findings);
    }

    boolean blocking() {
      return findings.stream().anyMatch(Finding::blocking);
    }
  }

  /** One finding: its rule's name and what it found, in each language. */
  record Finding(Phrase rule, Phrase message, boolean blocking) {}
}
