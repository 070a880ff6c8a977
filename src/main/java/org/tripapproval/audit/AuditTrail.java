package org.tripapproval.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only audit trail. Entries of one transaction are buffered and appended just before it
 * commits, under a lock on the single chain-head row: appenders queue there for a moment, the chain
 * never forks, and a rolled-back transaction leaves no entry. Each row is sealed with a keyed MAC
 * over the row before it ({@link ChainMac}); the head is checkpointed outside the database ({@link
 * Checkpoints}), so a chain cut off or recomputed by someone with database access is found.
 */
@Repository
public class AuditTrail {

  /** What happened, to which trip, done by whom (null: the engine itself, e.g. a timer). */
  public record Entry(
      String processInstanceId, String event, String actor, Instant occurredAt, String details) {}

  /** An entry as the auditors read it, with the hash that seals it into the chain. */
  public record TrailEntry(
      long id, String event, String actor, Instant occurredAt, String details, String hash) {}

  /** Result of a check of the whole chain: intact, or the first row that does not fit. */
  public record Verification(
      boolean intact,
      long rowsChecked,
      Long firstBrokenRow,
      String problem,
      int checkpointsChecked) {}

  /**
   * A page of entries that belong to no trip (the system's own: identity, authorizations,
   * deployments, refusals).
   */
  public record SystemPage(int page, int size, List<TrailEntry> entries) {}

  static final String GENESIS = "0".repeat(64);
  private static final Object PENDING_KEY = new Object();

  private final JdbcTemplate jdbc;
  private final ChainMac mac;
  private final Checkpoints checkpoints;
  private final TransactionTemplate ownTransaction;
  private final ObjectMapper mapper;
  private final Clock clock;

  AuditTrail(
      JdbcTemplate jdbc,
      ChainMac mac,
      Checkpoints checkpoints,
      PlatformTransactionManager transactions,
      ObjectMapper mapper,
      Clock clock) {
    this.jdbc = jdbc;
    this.mac = mac;
    this.checkpoints = checkpoints;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * Records a refusal now, in a transaction of its own: the refused step is rolled back, and the
   * attempt must stay in the trail all the same.
   *
   * @param processInstanceId the trip, or null for a refusal that concerns no trip
   * @param actor who tried, or null where the engine acted by itself
   */
  public void recordRefusal(
      String processInstanceId, String event, String actor, Map<String, ?> details) {
    String json;
    try {
      json = mapper.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot record " + event, e);
    }
    Entry entry = new Entry(processInstanceId, event, actor, clock.instant(), json);
    ownTransaction.executeWithoutResult(status -> appendNow(entry));
  }

  /** Writes the entry at once, in the caller's transaction, bypassing the buffer. */
  private void appendNow(Entry entry) {
    write(
        List.of(
            new Entry(
                entry.processInstanceId(),
                entry.event(),
                entry.actor(),
                Instant.ofEpochMilli(entry.occurredAt().toEpochMilli()),
                entry.details())));
  }

  public void append(Entry entry) {
    Entry exact =
        new Entry(
            entry.processInstanceId(),
            entry.event(),
            entry.actor(),
            Instant.ofEpochMilli(entry.occurredAt().toEpochMilli()),
            entry.details());
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      write(List.of(exact));
      return;
    }
    @SuppressWarnings("unchecked")
    List<Entry> pending = (List<Entry>) TransactionSynchronizationManager.getResource(PENDING_KEY);
    if (pending == null) {
      List<Entry> buffer = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(PENDING_KEY, buffer);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
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
    Map<String, Object> head =
        jdbc.queryForMap("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
    long id = ((Number) head.get("last_id")).longValue();
    String previous = ((String) head.get("last_hash")).trim();
    List<Object[]> rows = new ArrayList<>();
    for (Entry entry : entries) {
      id++;
      String sealed = mac.mac(previous, id, entry);
      rows.add(
          new Object[] {
            id,
            entry.processInstanceId(),
            entry.event(),
            entry.actor(),
            OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC),
            entry.details(),
            previous,
            sealed
          });
      previous = sealed;
    }
    jdbc.batchUpdate(
        "INSERT INTO audit_trail (id, process_instance_id, event, actor, occurred_at, details,"
            + " previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
    jdbc.update(
        "UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1", id, previous);
  }

  public List<TrailEntry> forTrip(String processInstanceId) {
    return jdbc.query(
        "SELECT id, event, actor, occurred_at, details, hash FROM audit_trail"
            + " WHERE process_instance_id = ? ORDER BY id",
        (rs, row) -> trailEntry(rs),
        processInstanceId);
  }

  /** Entries without a trip, newest first, occurred in [from, to); either bound may be null. */
  public SystemPage systemEntries(Instant from, Instant to, int page, int size) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, event, actor, occurred_at, details, hash FROM audit_trail"
                + " WHERE process_instance_id IS NULL");
    List<Object> arguments = new ArrayList<>();
    if (from != null) {
      sql.append(" AND occurred_at >= ?");
      arguments.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
    }
    if (to != null) {
      sql.append(" AND occurred_at < ?");
      arguments.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
    }
    sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
    arguments.add(size);
    arguments.add((long) page * size);
    return new SystemPage(
        page, size, jdbc.query(sql.toString(), (rs, row) -> trailEntry(rs), arguments.toArray()));
  }

  private static TrailEntry trailEntry(ResultSet rs) throws SQLException {
    return new TrailEntry(
        rs.getLong("id"),
        rs.getString("event"),
        rs.getString("actor"),
        occurredAt(rs),
        rs.getString("details"),
        rs.getString("hash").trim());
  }

  /** Read as an instant, not through the JVM's zone: every node computes the same MAC. */
  private static Instant occurredAt(ResultSet rs) throws SQLException {
    return rs.getObject("occurred_at", OffsetDateTime.class).toInstant();
  }

  /**
   * Writes a checkpoint of the head outside the database, unless the head has not moved since the
   * last one.
   */
  public void checkpoint() {
    Map<String, Object> head =
        jdbc.queryForMap(
            "SELECT last_id, last_hash, keyed_from FROM audit_chain_head WHERE id = 1");
    checkpoints.write(
        ((Number) head.get("last_id")).longValue(),
        ((String) head.get("last_hash")).trim(),
        ((Number) head.get("keyed_from")).longValue());
  }

  /**
   * Recomputes the chain row by row, streaming, and names the first row that does not fit: a
   * changed row, a row not sealed with the key, a missing row, or a row that differs from a
   * checkpoint.
   */
  public Verification verify() {
    Checkpoints.Reading reading = checkpoints.read();
    int checked = reading.checkpoints().size();
    if (reading.problem() != null) {
      return new Verification(false, 0, null, reading.problem(), checked);
    }
    Map<String, Object> head =
        jdbc.queryForMap(
            "SELECT last_id, last_hash, keyed_from FROM audit_chain_head WHERE id = 1");
    long keyedFrom = ((Number) head.get("keyed_from")).longValue();
    // several checkpoints may name one row (the chain cut there and written again): each must fit
    Map<Long, List<Checkpoints.Checkpoint>> byRow = new HashMap<>();
    Checkpoints.Checkpoint furthest = null;
    for (Checkpoints.Checkpoint checkpoint : reading.checkpoints()) {
      if (checkpoint.keyedFrom() != keyedFrom) {
        return new Verification(
            false,
            0,
            Math.min(keyedFrom, checkpoint.keyedFrom()),
            "the keyed part of the chain was moved: checkpoint "
                + checkpoint.number()
                + " says it starts at row "
                + checkpoint.keyedFrom()
                + ", the database says "
                + keyedFrom,
            checked);
      }
      byRow.computeIfAbsent(checkpoint.lastId(), row -> new ArrayList<>()).add(checkpoint);
      if (furthest == null || checkpoint.lastId() > furthest.lastId()) {
        furthest = checkpoint;
      }
    }
    // rows appended while this runs are left for the next verification
    long headId = ((Number) head.get("last_id")).longValue();
    long[] expectedId = {0};
    String[] previous = {GENESIS};
    Long[] broken = {null};
    String[] problem = {null};
    jdbc.query(
        "SELECT id, process_instance_id, event, actor, occurred_at, details, previous_hash, hash"
            + " FROM audit_trail WHERE id <= ? ORDER BY id",
        rs -> {
          if (broken[0] != null) {
            return;
          }
          long id = rs.getLong("id");
          Entry entry =
              new Entry(
                  rs.getString("process_instance_id"),
                  rs.getString("event"),
                  rs.getString("actor"),
                  occurredAt(rs),
                  rs.getString("details"));
          String stored = rs.getString("hash").trim();
          String expected =
              id < keyedFrom
                  ? ChainMac.legacyHash(previous[0], id, entry)
                  : mac.mac(previous[0], id, entry);
          Checkpoints.Checkpoint differing =
              byRow.getOrDefault(id, List.of()).stream()
                  .filter(checkpoint -> !ChainMac.same(stored, checkpoint.lastMac()))
                  .findFirst()
                  .orElse(null);
          if (id != expectedId[0] + 1) {
            broken[0] = id;
            problem[0] = "row " + (expectedId[0] + 1) + " is missing";
          } else if (!previous[0].equals(rs.getString("previous_hash").trim())) {
            broken[0] = id;
            problem[0] = "does not follow the row before it";
          } else if (!ChainMac.same(stored, expected)) {
            broken[0] = id;
            problem[0] =
                id < keyedFrom
                    ? "its content was changed"
                    : "its content was changed, or it was sealed without the key";
          } else if (differing != null) {
            broken[0] = id;
            problem[0] = "row " + id + " differs from its checkpoint " + differing.number();
          }
          expectedId[0] = id;
          previous[0] = stored;
        },
        headId);
    if (broken[0] != null) {
      return new Verification(false, expectedId[0], broken[0], problem[0], checked);
    }
    long last = expectedId[0];
    if (furthest != null && furthest.lastId() > last) {
      return new Verification(
          false,
          last,
          last + 1,
          "cut off after checkpoint "
              + furthest.number()
              + ": it recorded the chain up to row "
              + furthest.lastId()
              + ", the trail ends at row "
              + last,
          checked);
    }
    if (headId != last) {
      return new Verification(
          false, last, last + 1, "rows after " + last + " are missing", checked);
    }
    if (!previous[0].equals(((String) head.get("last_hash")).trim())) {
      return new Verification(
          false, last, last, "the chain head does not match row " + last, checked);
    }
    return new Verification(true, last, null, null, checked);
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
