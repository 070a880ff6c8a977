package org.tripapproval.notification;

/**
 * What a message says: to whom, about which trip (or none), the detail (reason, task, date) and a
 * link.
 */
record MailModel(String recipientName, TripSummary trip, String detail, String link) {

  /**
   * What a message says about its trip; {@code label} names it in the subject: the request number
   * (the unit's name for a trip submitted before there were numbers), departure and countries.
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
}
