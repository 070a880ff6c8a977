package org.tripapproval.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approval numbers (批件号), gap-free per year, one per trip. A number is taken in a short transaction
 * of its own and recorded against its trip there: the year's counter row is locked only for those
 * three statements, so concurrent issuers (on any node) take their turn quickly. Issuing it in the
 * step's own transaction held that lock for the whole step (the approval document, the notices, the
 * process up to its next wait), and at 16 clients in the benchmark issuers queued on it for
 * seconds. A step that fails after its number finds it again when it is retried, so no number is
 * lost or issued twice; a trip that never gets past a failed step keeps the number it was given, as
 * a withdrawn trip keeps its own.
 */
@Service
public class ApprovalNumbers {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  private final TransactionTemplate ownTransaction;

  ApprovalNumbers(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public String issue(String processInstanceId) {
    List<String> existing =
        jdbc.queryForList(
            "SELECT approval_number FROM approval_number WHERE process_instance_id = ?",
            String.class,
            processInstanceId);
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    LocalDateTime now = LocalDateTime.now(clock);
    return ownTransaction.execute(status -> take(processInstanceId, now));
  }

  private String take(String processInstanceId, LocalDateTime now) {
    int year = now.getYear();
    if (jdbc.update(
            "UPDATE approval_counter SET last_number = last_number + 1 WHERE approval_year = ?",
            year)
        == 0) {
      startCounting(year);
      jdbc.update(
          "UPDATE approval_counter SET last_number = last_number + 1 WHERE approval_year = ?",
          year);
    }
    Integer next =
        jdbc.queryForObject(
            "SELECT last_number FROM approval_counter WHERE approval_year = ?",
            Integer.class,
            year);
    String number = String.format("外办〔%d〕%04d号", year, next);
    jdbc.update(
        "INSERT INTO approval_number (approval_year, sequence_number, approval_number, process_instance_id, issued_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        year,
        next,
        number,
        processInstanceId,
        Timestamp.valueOf(now));
    return number;
  }

  /**
   * The year's first number: its counter row is created and committed on its own, once, whoever
   * comes first.
   */
  private void startCounting(int year) {
    try {
      ownTransaction.executeWithoutResult(
          status ->
              jdbc.update(
                  "INSERT INTO approval_counter (approval_year, last_number) VALUES (?, 0)", year));
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      // the row is there, which is all this needed
    }
  }
}
