package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A running node checkpoints the head by itself, every trips.audit.checkpoint-interval, when it
 * moved.
 */
// the test profile checkpoints every second, so this test shares the process tests' application
// context
@SpringBootTest
@ActiveProfiles("test")
class AuditCheckpointingTest {

  @Autowired AuditTrail trail;
  @Autowired Checkpoints checkpoints;
  @Autowired JdbcTemplate jdbc;

  @Test
  void checkpointsTheMovedHeadWithoutBeingAsked() {
    trail.append(new AuditTrail.Entry(null, "system.user.create", "admin", Instant.now(), "{}"));
    long head =
        jdbc.queryForObject("SELECT last_id FROM audit_chain_head WHERE id = 1", Long.class);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(checkpoints.read().checkpoints())
                    .anySatisfy(checkpoint -> assertThat(checkpoint.lastId()).isEqualTo(head)));
    assertThat(Files.exists(checkpoints.file())).isTrue();
    assertThat(trail.verify().intact()).isTrue();
  }
}
