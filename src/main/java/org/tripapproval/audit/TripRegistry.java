package org.tripapproval.audit;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripRequest;

/**
 * The trip registry (read model): one row per trip, its members and its countries, updated from the
 * engine's history events in the engine's transaction.
 */
@Repository
public class TripRegistry {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  TripRegistry(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void submitted(String processInstanceId, String applicant, Instant at) {
    ensureRow(processInstanceId);
    jdbc.update("UPDATE trip_registry SET applicant = COALESCE(?, applicant), submitted_at = ?, updated_at = ?"
        + " WHERE process_instance_id = ?", applicant, Timestamp.from(at), now(), processInstanceId);
  }

  /**
   * Takes only a complete request: the history sees a submission before the intake refuses it, and
   * the intake writes the accepted request again, which lands here.
   */
  void request(String processInstanceId, TripRequest trip) {
    if (trip.departureDate() == null || trip.returnDate() == null || trip.members() == null
        || trip.members().contains(null) || trip.itinerary() == null || trip.itinerary().contains(null)
        || trip.budget() == null || trip.budget().stream().anyMatch(item -> item == null || item.amount() == null)) {
      return;
    }
    ensureRow(processInstanceId);
    jdbc.update("UPDATE trip_registry SET unit = ?, purpose = ?, departure_date = ?, return_date = ?, delegation_size = ?,"
        + " total_budget = ?, planned = ?, updated_at = ? WHERE process_instance_id = ?",
        trip.unit(), trip.purpose(), Date.valueOf(trip.departureDate()), Date.valueOf(trip.returnDate()),
        trip.members().size(), trip.totalBudget(), trip.isPlanned(), now(), processInstanceId);
    jdbc.update("DELETE FROM trip_member WHERE process_instance_id = ?", processInstanceId);
    for (int i = 0; i < trip.members().size(); i++) {
      TripRequest.Member member = trip.members().get(i);
      jdbc.update("INSERT INTO trip_member (process_instance_id, member_index, name, post, member_rank) VALUES (?, ?, ?, ?, ?)",
          processInstanceId, i, member.name(), member.post(), member.rank() == null ? null : member.rank().name());
    }
    jdbc.update("DELETE FROM trip_country WHERE process_instance_id = ?", processInstanceId);
    for (String country : trip.countries()) {
      jdbc.update("INSERT INTO trip_country (process_instance_id, country) VALUES (?, ?)", processInstanceId, country);
    }
  }

  void report(String processInstanceId, TripReport report) {
    if (report.actualDepartureDate() == null || report.actualReturnDate() == null) {
      return; // refused by the report intake; a complete one follows
    }
    ensureRow(processInstanceId);
    jdbc.update("UPDATE trip_registry SET actual_departure_date = ?, actual_return_date = ?, updated_at = ?"
        + " WHERE process_instance_id = ?", Date.valueOf(report.actualDepartureDate()),
        Date.valueOf(report.actualReturnDate()), now(), processInstanceId);
  }

  void findings(String processInstanceId, int blocking, String rules) {
    update(processInstanceId, "blocking_findings = ?, findings = ?", blocking, truncate(rules, 4000));
  }

  void approvalNumber(String processInstanceId, String approvalNumber) {
    update(processInstanceId, "approval_number = ?, approved_at = ?", approvalNumber, now());
  }

  void lastDecision(String processInstanceId, String decision, String reason) {
    if ("reject".equals(decision)) {
      update(processInstanceId, "last_decision = ?, rejection_reason = ?", decision, truncate(reason, 2000));
    } else {
      update(processInstanceId, "last_decision = ?", decision);
    }
  }

  void status(String processInstanceId, String status) {
    update(processInstanceId, "status = ?", status);
  }

  void reportStatus(String processInstanceId, String reportStatus) {
    update(processInstanceId, "report_status = ?", reportStatus);
  }

  void ended(String processInstanceId, String status, Instant at) {
    update(processInstanceId, "status = ?, ended_at = ?", status, Timestamp.from(at));
  }

  public List<String> membersOf(String processInstanceId) {
    return jdbc.queryForList("SELECT name FROM trip_member WHERE process_instance_id = ? ORDER BY member_index",
        String.class, processInstanceId);
  }

  private void update(String processInstanceId, String assignments, Object... values) {
    ensureRow(processInstanceId);
    Object[] arguments = new Object[values.length + 2];
    System.arraycopy(values, 0, arguments, 0, values.length);
    arguments[values.length] = now();
    arguments[values.length + 1] = processInstanceId;
    jdbc.update("UPDATE trip_registry SET " + assignments + ", updated_at = ? WHERE process_instance_id = ?", arguments);
  }

  /** Events of one trip arrive in one engine transaction at a time, so a check then insert is safe. */
  private void ensureRow(String processInstanceId) {
    Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM trip_registry WHERE process_instance_id = ?",
        Integer.class, processInstanceId);
    if (rows == null || rows == 0) {
      jdbc.update("INSERT INTO trip_registry (process_instance_id, status, updated_at) VALUES (?, 'SUBMITTED', ?)",
          processInstanceId, now());
    }
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
