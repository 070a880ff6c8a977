package org.tripapproval.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.RestTripDriver.read;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tripapproval.notification.OutboxDelivery;
import org.tripapproval.support.JarNode;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.RestTripDriver;
import org.tripapproval.support.RunsJarNodes;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripLoad;
import org.tripapproval.support.TripRequestBuilder;
import org.tripapproval.support.WebappSession;

/**
 * Faults under load, on a node started from the built jar: the database restarted, and the node
 * itself killed with SIGKILL. Clients keep submitting and deciding while it happens; afterwards
 * every call that was answered with success has left its state, every trip is taken to its end,
 * every timer ran once, every notification arrived, and the audit trail is intact.
 */
@RunsJarNodes
class FaultsIT {

  private static final int CLIENTS = 8;
  private static final String[] QUICK_RECOVERY = {
    "--JOB_LOCK_TIME_MILLIS=15000",
    "--DB_CONNECTION_TIMEOUT=2000",
    "--MAIL_RETRY_BACKOFF=PT1S",
    "--MAIL_MAX_BACKOFF=PT2S",
    "--MAIL_MAX_ATTEMPTS=1000"
  };

  @Test
  void theDatabaseRestartsWhileTripsAreInFlight(@TempDir Path workDir) throws Exception {
    int pgPort = JarNode.freePort();
    Path pgData = workDir.resolve("pgdata");
    EmbeddedPostgres pg = postgres(pgData, pgPort);
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE trips");
    }
    String url = pg.getJdbcUrl("postgres", "trips");
    GreenMail smtp =
        new GreenMail(new ServerSetup(JarNode.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (JarNode node =
        JarNode.onPostgres("db-restart", workDir, url, smtp.getSmtp().getPort(), QUICK_RECOVERY)) {
      TripLoad load = new TripLoad(node, CLIENTS);
      load.until(() -> load.closed.get() >= 5);
      RestClient admin = new RestClient(node.baseUrl(), "admin");
      WebappSession tasklist = WebappSession.logIn(admin.as(null), "li.na");

      pg.close();
      long asked = System.nanoTime();
      HttpResponse<String> whileDown = admin.get("/engine-rest/task/count");
      double seconds = (System.nanoTime() - asked) / 1e9;
      System.out.printf(
          "database down: GET /engine-rest/task/count answered %d in %.2f s%n",
          whileDown.statusCode(), seconds);
      assertThat(whileDown.statusCode()).as(whileDown.body()).isEqualTo(503);
      assertThat(whileDown.headers().firstValue("Retry-After")).hasValue("10");
      assertThat(whileDown.body()).contains("The database cannot be reached");
      assertThat(seconds).as("fails fast, no hang").isLessThan(10);
      assertThat(
              admin
                  .as("zhang.wei")
                  .post(
                      "/engine-rest/process-definition/key/overseas-trip/submit-form",
                      RestTripDriver.submission(TripRequestBuilder.aTrip().build()))
                  .statusCode())
          .isEqualTo(503);
      assertThat(admin.as("zhao.lei").get("/api/audit/trips").statusCode()).isEqualTo(503);
      // Tasklist's own calls, in the session it logged in before the outage
      HttpResponse<String> tasklistWhileDown =
          tasklist.get("/camunda/api/engine/engine/default/task?candidateUser=li.na");
      assertThat(tasklistWhileDown.statusCode()).as(tasklistWhileDown.body()).isEqualTo(503);
      assertThat(tasklistWhileDown.headers().firstValue("Retry-After")).hasValue("10");
      assertThat(tasklistWhileDown.body()).contains("请稍后重试", "try again shortly");
      assertThat(admin.as(null).get("/actuator/health").statusCode())
          .as("out of the load balancer")
          .isEqualTo(503);
      // every client runs into the outage, then waits for the node to be healthy again
      await().atMost(Duration.ofSeconds(30)).until(() -> load.refused.get() >= CLIENTS);

      pg = postgres(pgData, pgPort);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> admin.as(null).get("/actuator/health").statusCode() == 200);
      load.stop();
      System.out.printf(
          "database restart: %d trips submitted, %d closed, %d calls refused during the outage%n",
          load.trips.size(), load.closed.get(), load.refused.get());
      assertThat(load.refused.get()).as("calls refused while the database was down").isPositive();

      // the batch handed to SMTP as the database went away may go twice (same Message-IDs), no
      // more
      assertNothingLostAndFinish(
          load, new JdbcTemplate(pg.getDatabase("postgres", "trips")), smtp, OutboxDelivery.BATCH);
    } finally {
      smtp.stop();
      pg.close();
    }
  }

  @Test
  void aNodeKilledUnderLoadResumesEverythingAfterRestart(@TempDir Path workDir) throws Exception {
    String url = TestPostgres.newDatabase("crash");
    JdbcTemplate db = new JdbcTemplate(TestPostgres.server().getDatabase("postgres", "crash"));
    int smtpPort = JarNode.freePort(); // no mail server yet: every notification waits in the outbox
    GreenMail smtp =
        new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    try (JarNode node = JarNode.onPostgres("crash", workDir, url, smtpPort, QUICK_RECOVERY)) {
      TripLoad load = new TripLoad(node, CLIENTS);
      load.until(() -> load.closed.get() >= 5);
      node.kill();
      load.stop();
      int pending =
          db.queryForObject(
              "SELECT count(*) FROM notification_outbox WHERE status = 'PENDING'", Integer.class);
      int timers = db.queryForObject("SELECT count(*) FROM act_ru_job", Integer.class);
      System.out.printf(
          "killed: %d trips submitted, %d closed, %d notifications pending, %d timers waiting%n",
          load.trips.size(), load.closed.get(), pending, timers);
      assertThat(pending).isPositive();

      smtp.start();
      node.start();
      assertNothingLostAndFinish(load, db, smtp, 0);
    } finally {
      smtp.stop();
    }
  }

  /**
   * Every trip whose submission was answered exists, every task completion that was answered has
   * happened once; then every trip is taken to its end, and the jobs, mail and trail are checked.
   */
  private static void assertNothingLostAndFinish(
      TripLoad load, JdbcTemplate db, GreenMail smtp, int copiesAllowed) throws Exception {
    for (String trip : load.trips.keySet()) {
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM act_hi_procinst WHERE id_ = ?", Integer.class, trip))
          .as("submitted trip " + trip)
          .isEqualTo(1);
    }
    for (String task : load.driver.completedTasks()) {
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM act_hi_taskinst WHERE id_ = ? AND end_time_ IS NOT NULL",
                  Integer.class,
                  task))
          .as("completed task " + task)
          .isEqualTo(1);
    }

    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> finishing = new ArrayList<>();
    load.trips.forEach(
        (trip, request) ->
            finishing.add(clients.submit(() -> load.driver.driveToEnd(trip, request))));
    for (var trip : finishing) {
      trip.get(10, TimeUnit.MINUTES);
    }
    clients.shutdown();

    int trips = load.trips.size();
    assertThat(
            db.queryForObject(
                "SELECT count(*) FROM act_hi_procinst WHERE state_ = 'COMPLETED'"
                    + " AND end_act_id_ = 'tripClosed'",
                Integer.class))
        .isEqualTo(trips);
    // one decision per completed decision task: nothing doubled by a retry or lost by the fault
    RestClient admin = new RestClient(load.node.baseUrl(), "admin");
    for (String trip : load.trips.keySet()) {
      int decisions =
          read(expect(
                      admin.get(
                          "/engine-rest/history/variable-instance?maxResults=10&processInstanceId="
                              + trip
                              + "&variableName=decisions&deserializeValues=false"),
                      200))
                  .get(0)
                  .get("value")
                  .asText()
                  .split("\"decidedBy\"")
                  .length
              - 1;
      assertThat(decisions)
          .as("decisions of " + trip)
          .isEqualTo(
              db.queryForObject(
                  "SELECT count(*) FROM act_hi_taskinst"
                      + " WHERE proc_inst_id_ = ? AND task_def_key_ IN ('reviewTripRequest', 'verifyTripReport') AND end_time_ IS NOT NULL"
                      + " AND delete_reason_ = 'completed'",
                  Integer.class,
                  trip));
    }
    String timers =
        RestTripDriver.LIFECYCLE_TIMERS.stream()
            .map(t -> "'" + t + "'")
            .collect(Collectors.joining(","));
    assertThat(
            db.queryForList(
                "SELECT process_instance_id_ FROM act_hi_job_log WHERE job_state_ = 2 AND act_id_ IN ("
                    + timers
                    + ") GROUP BY process_instance_id_, act_id_ HAVING count(*) <> 1",
                String.class))
        .as("timers that did not run exactly once")
        .isEmpty();
    assertThat(
            db.queryForObject(
                "SELECT count(*) FROM act_hi_job_log WHERE job_state_ = 2 AND act_id_ IN ("
                    + timers
                    + ")",
                Integer.class))
        .isEqualTo(trips * RestTripDriver.LIFECYCLE_TIMERS.size());
    assertThat(db.queryForObject("SELECT count(*) FROM act_hi_incident", Integer.class))
        .as("incidents")
        .isZero();

    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                db.queryForObject(
                    "SELECT count(*) FROM notification_outbox WHERE status <> 'SENT'",
                    Integer.class),
            n -> n == 0);
    int written = db.queryForObject("SELECT count(*) FROM notification_outbox", Integer.class);
    MimeMessage[] received = smtp.getReceivedMessages();
    Set<String> messageIds =
        Arrays.stream(received).map(FaultsIT::messageId).collect(Collectors.toSet());
    System.out.printf(
        "after the fault: %d trips closed, %d notifications written, %d received, %d distinct Message-IDs%n",
        trips, written, received.length, messageIds.size());
    assertThat(messageIds)
        .as("every notification arrived, a copy at most under the same Message-ID")
        .hasSize(written);
    assertThat(received.length).as("copies received").isBetween(written, written + copiesAllowed);
    assertThat(
            read(expect(admin.as("zhao.lei").get("/api/audit/trail/verification"), 200))
                .get("intact")
                .asBoolean())
        .isTrue();
  }

  private static EmbeddedPostgres postgres(Path dataDirectory, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
