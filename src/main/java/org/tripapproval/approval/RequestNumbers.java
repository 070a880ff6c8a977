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
 * Request numbers (申请编号), the trip's business key from its submission on: {@code 省商务厅-2026-0012},
 * the unit's short name, the year of submission (in the configured zone) and a sequence per short
 * name and year. The year is the submission's, not the departure's: the number is given once, and a
 * revision may move the departure into another year.
 *
 * <p>Written in the engine's transaction, counter row included: a refused or rolled-back submission
 * takes its number back (no gap, never a duplicate), the unique keys refuse a second number for a
 * trip or a number twice, and the counter row stays locked by the increment until the submission
 * commits, so submissions of one unit on any node take their turn. Nothing here takes a second
 * database connection: with every pooled connection held by a submission waiting for the row, one
 * that needed another would wait for ever (the pool's timeout, in fact).
 */
@Service
class RequestNumbers {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final TransactionTemplate savepoint;

  RequestNumbers(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** The trip's number: the one it has, or the next of its unit's short name this year. */
  String assign(String processInstanceId, String unit, String unitShortName) {
    List<String> existing =
        jdbc.queryForList(
            "SELECT request_number FROM request_number WHERE process_instance_id = ?",
            String.class,
            processInstanceId);
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    LocalDateTime now = LocalDateTime.now(clock);
    int year = now.getYear();
    for (int attempt = 0; increment(unitShortName, year) == 0; attempt++) {
      if (attempt == 3) {
        throw new IllegalStateException("no request counter for " + unitShortName + " " + year);
      }
      startCounting(unitShortName, year);
    }
    int next =
        jdbc.queryForObject(
            "SELECT last_number FROM request_counter WHERE unit_prefix = ? AND request_year = ?",
            Integer.class,
            unitShortName,
            year);
    String number = format(unitShortName, year, next);
    jdbc.update(
        "INSERT INTO request_number (unit_prefix, request_year, sequence_number, request_number,"
            + " unit, process_instance_id, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        unitShortName,
        year,
        next,
        number,
        unit,
        processInstanceId,
        Timestamp.valueOf(now));
    return number;
  }

  static String format(String unitShortName, int year, int sequence) {
    return String.format("%s-%d-%04d", unitShortName, year, sequence);
  }

  private int increment(String unitShortName, int year) {
    return jdbc.update(
        "UPDATE request_counter SET last_number = last_number + 1"
            + " WHERE unit_prefix = ? AND request_year = ?",
        unitShortName,
        year);
  }

  /**
   * The first number of a short name in a year: its counter row, created in the submission's
   * transaction behind a savepoint. A submission that started counting at the same moment has
   * created it (PostgreSQL waits for that one to commit, then refuses the duplicate): back to the
   * savepoint, and its row is counted on.
   */
  private void startCounting(String unitShortName, int year) {
    try {
      savepoint.executeWithoutResult(
          status ->
              jdbc.update(
                  "INSERT INTO request_counter (unit_prefix, request_year, last_number)"
                      + " VALUES (?, ?, 0)",
                  unitShortName,
                  year));
    } catch (DuplicateKeyException anotherSubmissionWasFirst) {
      // the row is there, which is all this needed
    }
  }
}
