package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.util.DateTimeUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The trail's chain against someone with access to the database but not to the key: no Spring, H2
 * in memory.
 */
class AuditChainTest {

  private static final String KEY = "a-key-of-this-test-only-0123456789abcdef";

  @TempDir Path directory;
  private JdbcDataSource dataSource;
  private JdbcTemplate jdbc;
  private AuditTrail trail;

  @BeforeEach
  void database() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:chain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migrate(null);
    jdbc = new JdbcTemplate(dataSource);
    trail = trailWithKey(KEY);
  }

  @Test
  void detectsARowWhoseContentWasChanged() {
    appendEntries(4);
    jdbc.update("UPDATE audit_trail SET details = '{\"decision\":\"approve\"}' WHERE id = 2");

    AuditTrail.Verification verification = trail.verify();

    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBrokenRow()).isEqualTo(2);
  }

  @Test
  void detectsAChainRecomputedWithPlainSha256() {
    appendEntries(4);
    jdbc.update("UPDATE audit_trail SET details = '{\"decision\":\"approve\"}' WHERE id = 2");
    recomputeWithoutTheKey();

    AuditTrail.Verification verification = trail.verify();

    assertThat(verification.intact())
        .as("a chain recomputed without the key must not verify: %s", verification)
        .isFalse();
    assertThat(verification.firstBrokenRow()).isEqualTo(1);
  }

  @Test
  void detectsTheLastRowsDeletedAndTheHeadMovedBack() {
    appendEntries(5);
    trail.checkpoint();
    Map<String, Object> third = jdbc.queryForMap("SELECT hash FROM audit_trail WHERE id = 3");
    jdbc.update("DELETE FROM audit_trail WHERE id > 3");
    jdbc.update(
        "UPDATE audit_chain_head SET last_id = 3, last_hash = ? WHERE id = 1", third.get("hash"));

    AuditTrail.Verification verification = trail.verify();

    assertThat(verification.intact()).as("a chain cut off after row 3: %s", verification).isFalse();
    assertThat(verification.problem()).contains("cut off after checkpoint");
  }

  @Test
  void verifiesUnderAnotherTimeZoneThanItWasWrittenIn() {
    TimeZone original = TimeZone.getDefault();
    try {
      inZone("Asia/Shanghai");
      appendEntries(3);
      inZone("America/New_York");

      AuditTrail.Verification verification = trail.verify();

      assertThat(verification.intact())
          .as("written in Shanghai, verified in New York: %s", verification)
          .isTrue();
    } finally {
      TimeZone.setDefault(original);
      DateTimeUtils.resetCalendar();
    }
  }

  /**
   * As a node whose JVM runs in this zone: H2 caches the default zone, so it is told to read it
   * again.
   */
  private static void inZone(String zone) {
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    DateTimeUtils.resetCalendar();
  }

  @Test
  void detectsTheHeadMovedBackEvenWhenTheRowsStay() {
    appendEntries(5);
    trail.checkpoint();
    Map<String, Object> third =
        jdbc.queryForMap(
            "SELECT hash FROM audit_chain_head h JOIN audit_trail t ON t.id = 3"
                + " WHERE h.id = 1");
    jdbc.update(
        "UPDATE audit_chain_head SET last_id = 3, last_hash = ? WHERE id = 1", third.get("hash"));

    AuditTrail.Verification verification = trail.verify();

    assertThat(verification.intact()).isFalse();
    assertThat(verification.problem()).startsWith("cut off after checkpoint 1");
  }

  @Test
  void detectsAChainRecomputedAsIfItHadNeverBeenKeyed() {
    appendEntries(4);
    trail.checkpoint();
    jdbc.update("UPDATE audit_chain_head SET keyed_from = 5 WHERE id = 1");
    recomputeWithoutTheKey();

    AuditTrail.Verification verification = trail.verify();

    assertThat(verification.intact()).isFalse();
    assertThat(verification.problem()).contains("keyed part of the chain was moved");
  }

  @Test
  void detectsARowThatDiffersFromItsCheckpoint() throws Exception {
    appendEntries(3);
    trail.checkpoint();
    // someone with the database and an old copy of it: row 3 comes back with another content and
    // seal
    String checkpointed =
        jdbc.queryForObject("SELECT hash FROM audit_trail WHERE id = 3", String.class);
    jdbc.update("DELETE FROM audit_trail WHERE id = 3");
    jdbc.update(
        "UPDATE audit_chain_head SET last_id = 2, last_hash = (SELECT hash FROM audit_trail WHERE id = 2)");
    appendEntries(1);
    assertThat(jdbc.queryForObject("SELECT hash FROM audit_trail WHERE id = 3", String.class))
        .isNotEqualTo(checkpointed);

    AuditTrail.Verification verification = trail.verify();

    assertThat(verification.problem()).isEqualTo("row 3 differs from its checkpoint 1");
    assertThat(verification.firstBrokenRow()).isEqualTo(3);
  }

  @Test
  void detectsARowCutOffAndWrittenAgainAfterALaterCheckpointFitsIt() {
    appendEntries(3);
    trail.checkpoint();
    jdbc.update("DELETE FROM audit_trail WHERE id = 3");
    jdbc.update(
        "UPDATE audit_chain_head SET last_id = 2, last_hash = (SELECT hash FROM audit_trail WHERE id = 2)");
    appendEntries(1);
    trail.checkpoint();

    AuditTrail.Verification verification = trail.verify();

    assertThat(verification.problem()).isEqualTo("row 3 differs from its checkpoint 1");
  }

  @Test
  void detectsAChangedCheckpoint() throws Exception {
    appendEntries(2);
    trail.checkpoint();
    Path file = directory.resolve("checkpoints.log");
    Files.writeString(file, Files.readString(file).replace(" 2 ", " 9 "));

    AuditTrail.Verification verification = trail.verify();

    assertThat(verification.intact()).isFalse();
    assertThat(verification.problem()).contains("checkpoint 1").contains("not sealed with the key");
  }

  @Test
  void writesACheckpointOnlyWhenTheHeadMoved() throws Exception {
    appendEntries(2);
    trail.checkpoint();
    trail.checkpoint();
    appendEntries(1);
    trail.checkpoint();

    List<String> lines = Files.readAllLines(directory.resolve("checkpoints.log"));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("v1 2 ").contains(" node-a 3 ");
    assertThat(trail.verify())
        .extracting(AuditTrail.Verification::intact, AuditTrail.Verification::checkpointsChecked)
        .containsExactly(true, 2);
  }

  @Test
  void nodesSharingOneCheckpointFileNumberTheirCheckpointsInOneSequence() throws Exception {
    ChainMac mac = new ChainMac(KEY);
    Clock clock = Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);
    AuditTrail otherNode =
        new AuditTrail(
            jdbc,
            mac,
            new Checkpoints(directory.resolve("checkpoints.log"), mac, "node-b", clock),
            new DataSourceTransactionManager(dataSource),
            new ObjectMapper(),
            clock);
    appendEntries(1);
    trail.checkpoint();
    otherNode.append(
        new AuditTrail.Entry(
            null, "system.user.create", "admin", Instant.parse("2026-03-09T10:00:00Z"), "{}"));
    otherNode.checkpoint();
    // a line that another node is appending right now, not yet complete
    Files.writeString(
        directory.resolve("checkpoints.log"),
        "v1 3 2026-03-10T00:00:00Z node-c 2",
        StandardOpenOption.APPEND);

    assertThat(Files.readAllLines(directory.resolve("checkpoints.log")))
        .extracting(line -> line.split(" ")[1] + " " + line.split(" ")[3])
        .startsWith("1 node-a", "2 node-b");
    assertThat(trail.verify())
        .extracting(AuditTrail.Verification::intact, AuditTrail.Verification::checkpointsChecked)
        .containsExactly(true, 2);
  }

  @Test
  void doesNotVerifyUnderAnotherKey() {
    appendEntries(2);

    AuditTrail.Verification verification =
        trailWithKey("another-key-of-this-test-0123456789abcdef").verify();

    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBrokenRow()).isEqualTo(1);
  }

  @Test
  void rowsWrittenBeforeTheKeyStillVerifyAndTheKeyedRowsFollowThem() {
    JdbcDataSource old = new JdbcDataSource();
    old.setURL("jdbc:h2:mem:legacy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource = old;
    migrate("11");
    jdbc = new JdbcTemplate(old);
    String previous = AuditTrail.GENESIS;
    for (long id = 1; id <= 3; id++) {
      AuditTrail.Entry entry =
          new AuditTrail.Entry(
              "trip-1",
              "trip.submitted",
              "zhang.wei",
              Instant.parse("2026-01-0" + id + "T01:02:03.456Z"),
              "{\"old\":" + id + "}");
      String hash = ChainMac.legacyHash(previous, id, entry);
      jdbc.update(
          "INSERT INTO audit_trail (id, process_instance_id, event, actor, occurred_at, details, previous_hash,"
              + " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          id,
          entry.processInstanceId(),
          entry.event(),
          entry.actor(),
          Timestamp.from(entry.occurredAt()),
          entry.details(),
          previous,
          hash);
      previous = hash;
    }
    jdbc.update("UPDATE audit_chain_head SET last_id = 3, last_hash = ? WHERE id = 1", previous);
    migrate(null);
    trail = trailWithKey(KEY);
    appendEntries(2);

    assertThat(jdbc.queryForObject("SELECT keyed_from FROM audit_chain_head", Long.class))
        .isEqualTo(4);
    assertThat(trail.verify())
        .extracting(AuditTrail.Verification::intact, AuditTrail.Verification::rowsChecked)
        .containsExactly(true, 5L);
    jdbc.update("UPDATE audit_trail SET details = '{\"old\":9}' WHERE id = 2");
    assertThat(trail.verify().firstBrokenRow()).isEqualTo(2);
  }

  private void migrate(String target) {
    var configuration =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .table("trip_schema_history");
    if (target != null) {
      configuration.target(target);
    }
    configuration.load().migrate();
  }

  private AuditTrail trailWithKey(String key) {
    ChainMac mac = new ChainMac(key);
    Clock clock = Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC);
    return new AuditTrail(
        jdbc,
        mac,
        new Checkpoints(directory.resolve("checkpoints.log"), mac, "node-a", clock),
        new DataSourceTransactionManager(dataSource),
        new ObjectMapper(),
        clock);
  }

  private void appendEntries(int count) {
    for (int i = 0; i < count; i++) {
      trail.append(
          new AuditTrail.Entry(
              "trip-" + i,
              "trip.submitted",
              "zhang.wei",
              Instant.parse("2026-03-0" + (i + 1) + "T08:15:30.123Z"),
              "{\"step\":" + i + "}"));
    }
  }

  /**
   * What someone with database access but without the key can do: the old scheme, recomputed row by
   * row.
   */
  private void recomputeWithoutTheKey() {
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT id, process_instance_id, event, actor, occurred_at,"
                + " details FROM audit_trail ORDER BY id");
    String previous = "0".repeat(64);
    long lastId = 0;
    for (Map<String, Object> row : rows) {
      lastId = ((Number) row.get("ID")).longValue();
      long millis =
          jdbc.queryForObject(
                  "SELECT occurred_at FROM audit_trail WHERE id = ?", Timestamp.class, lastId)
              .getTime();
      String content =
          String.join(
              "\u001f",
              previous,
              Long.toString(lastId),
              String.valueOf(row.get("PROCESS_INSTANCE_ID")),
              (String) row.get("EVENT"),
              String.valueOf(row.get("ACTOR")),
              Long.toString(millis),
              (String) row.get("DETAILS"));
      String hash = sha256(content);
      jdbc.update(
          "UPDATE audit_trail SET previous_hash = ?, hash = ? WHERE id = ?",
          previous,
          hash,
          lastId);
      previous = hash;
    }
    jdbc.update(
        "UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1", lastId, previous);
  }

  private static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
