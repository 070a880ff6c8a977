package org.tripapproval.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Approval numbers (批件号), gap-free per year, one per trip. Written in the engine's transaction:
 * a rolled-back step leaves no number behind, and the unique keys refuse a second one.
 */
@Service
public class ApprovalNumbers {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  ApprovalNumbers(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public String issue(String processInstanceId) {
    List<String> existing = jdbc.queryForList(
        "SELECT approval_number FROM approval_number WHERE process_instance_id = ?", String.class, processInstanceId);
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    LocalDateTime now = LocalDateTime.now(clock);
    int year = now.getYear();
    Integer next = jdbc.queryForObject(
        "SELECT COALESCE(MAX(sequence_number), 0) + 1 FROM approval_number WHERE approval_year = ?", Integer.class, year);
    String number = String.format("外办〔%d〕%04d号", year, next);
    jdbc.update("INSERT INTO approval_number (approval_year, sequence_number, approval_number, process_instance_id, issued_at)"
        + " VALUES (?, ?, ?, ?, ?)", year, next, number, processInstanceId, Timestamp.valueOf(now));
    return number;
  }
}
