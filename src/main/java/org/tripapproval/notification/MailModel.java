package org.tripapproval.notification;

/**
 * What a message says: to whom, about which trip (or none), the detail (reason, task, date) and a
 * link.
 */
record MailModel(String recipientName, TripSummary trip, String detail, String link) {

  record TripSummary(
      String label,
      String applicant,
      String unit,
      String dates,
      String countries,
      String purpose,
      String approvalNumber) {}
}
