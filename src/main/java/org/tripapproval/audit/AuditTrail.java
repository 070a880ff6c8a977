package org.tripapproval.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only audit trail. Entries of one transaction are buffered and appended just before it
 * commits, under a lock on the single chain-head row: appenders queue there for a moment, the
 * chain never forks, and a rolled-back transaction leaves no entry.
 */
@Repository
public class AuditTrail {

  /** What happened, to which trip, done by whom (null: the engine itself, e.g. a timer). */
  public record Entry(String processInstanceId, String event, String actor, Instant occurredAt, String details) {}

  /** An entry as the auditors read it. */
  public record TrailEntry(long id, String event, String actor, Instant occurredAt, String details) {}

  /** Result of a check of the whole chain: intact, or the first row that does not fit. */
  public record Verification(boolean intact, long rowsChecked, Long firstBrokenRow, String problem) {}

  static final String GENESIS = "0".repeat(64);
  private static final Object PENDING_KEY = new Object();

  private final JdbcTemplate jdbc;

  AuditTrail(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes the entry at once, in the caller's transaction, bypassing the buffer: for a transaction
   * of its own (e.g. recording a refusal whose surrounding step is rolled back).
   */
  public void appendNow(Entry entry) {
    write(List.of(new Entry(entry.processInstanceId(), entry.event(), entry.actor(),
        Instant.ofEpochMilli(entry.occurredAt().toEpochMilli()), entry.details())));
  }

  public void append(Entry entry) {
    Entry exact = new Entry(entry.processInstanceId(), entry.event(), entry.actor(),
        Instant.ofEpochMilli(entry.occurredAt().toEpochMilli()), entry.details());
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      write(List.of(exact));
      return;
    }
    @SuppressWarnings("unchecked")
    List<Entry> pending = (List<Entry>) TransactionSynchronizationManager.getResource(PENDING_KEY);
    if (pending == null) {
      List<Entry> buffer = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(PENDING_KEY, buffer);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCommit(boolean readOnly) {
          write(buffer);
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(PENDING_KEY);
        }
      });
      pending = buffer;
    }
    pending.add(exact);
  }

  private void write(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Map<String, Object> head = jdbc.queryForMap("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
    long id = ((Number) head.get("last_id")).longValue();
    String previous = ((String) head.get("last_hash")).trim();
    List<Object[]> rows = new ArrayList<>();
    for (Entry entry : entries) {
      id++;
      String hash = hash(previous, id, entry);
      rows.add(new Object[] {id, entry.processInstanceId(), entry.event(), entry.actor(),
          Timestamp.from(entry.occurredAt()), entry.details(), previous, hash});
      previous = hash;
    }
    jdbc.batchUpdate("INSERT INTO audit_trail (id, process_instance_id, event, actor, occurred_at, details,"
        + " previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
    jdbc.update("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1", id, previous);
  }

  public List<TrailEntry> forTrip(String processInstanceId) {
    return jdbc.query("SELECT id, event, actor, occurred_at, details FROM audit_trail"
        + " WHERE process_instance_id = ? ORDER BY id", (rs, row) -> new TrailEntry(rs.getLong("id"),
        rs.getString("event"), rs.getString("actor"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("details")),
        processInstanceId);
  }

  /** Recomputes the chain row by row, streaming, and names the first row that does not fit. */
  public Verification verify() {
    long[] expectedId = {0};
    String[] previous = {GENESIS};
    Long[] broken = {null};
    String[] problem = {null};
    jdbc.query("SELECT id, process_instance_id, event, actor, occurred_at, details, previous_hash, hash"
        + " FROM audit_trail ORDER BY id", rs -> {
          if (broken[0] != null) {
            return;
          }
          long id = rs.getLong("id");
          Entry entry = new Entry(rs.getString("process_instance_id"), rs.getString("event"), rs.getString("actor"),
              rs.getTimestamp("occurred_at").toInstant(), rs.getString("details"));
          String stored = rs.getString("hash").trim();
          if (id != expectedId[0] + 1) {
            broken[0] = id;
            problem[0] = "row " + (expectedId[0] + 1) + " is missing";
          } else if (!previous[0].equals(rs.getString("previous_hash").trim())) {
            broken[0] = id;
            problem[0] = "does not follow the row before it";
          } else if (!stored.equals(hash(previous[0], id, entry))) {
            broken[0] = id;
            problem[0] = "its content was changed";
          }
          expectedId[0] = id;
          previous[0] = stored;
        });
    if (broken[0] == null) {
      Map<String, Object> head = jdbc.queryForMap("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1");
      if (((Number) head.get("last_id")).longValue() != expectedId[0]) {
        return new Verification(false, expectedId[0], expectedId[0] + 1, "rows after " + expectedId[0] + " are missing");
      }
    }
    return new Verification(broken[0] == null, expectedId[0], broken[0], problem[0]);
  }

  static String hash(String previous, long id, Entry entry) {
    String content = String.join("\u001f", previous, Long.toString(id), String.valueOf(entry.processInstanceId()),
        entry.event(), String.valueOf(entry.actor()), Long.toString(entry.occurredAt().toEpochMilli()), entry.details());
    return sha256(content.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
