package org.tripapproval.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.RestTripDriver.read;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tripapproval.support.JarNode;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.RestTripDriver;
import org.tripapproval.support.RunsJarNodes;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripRequestBuilder;
import org.tripapproval.support.WebappSession;

/**
 * Two nodes (two JVMs from the built jar) on one PostgreSQL, job executors and mail delivery on
 * both, behind a round-robin "load balancer": 16 clients run trips at once through their whole
 * lifecycle, two each, so that new trips start while others are at their timers. Every timer job
 * runs once, every notification is sent once, every trip is closed and numbered once, no incident;
 * and a webapp login is valid on the node that made it only (hence sticky sessions).
 *
 * <p>The collisions this looks for come from the 16 clients and the two job executors working at
 * the same time, not from the number of trips; {@code ./mvnw -Pbench verify} runs it with 200 trips
 * ({@code -DseveralNodes.trips}).
 */
@RunsJarNodes
class SeveralNodesIT {

  private static final int CLIENTS = 16;
  private static final int TRIPS = Integer.getInteger("severalNodes.trips", 2 * CLIENTS);
  private static final List<String> TIMERS =
      List.of(
          "preTripDisclosureEnded",
          "departureDayReached",
          "tripReturned",
          "postTripDisclosureEnded");

  @Test
  void twoNodesRunTripsOfSixteenClientsAtOnceAndDoEverythingExactlyOnce(@TempDir Path workDir)
      throws Exception {
    String url = TestPostgres.newDatabase("nodes");
    JdbcTemplate db = new JdbcTemplate(TestPostgres.server().getDatabase("postgres", "nodes"));
    GreenMail smtp =
        new GreenMail(new ServerSetup(JarNode.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    // one after the other: the first node creates the engine's tables and the demo users
    try (JarNode a = JarNode.onPostgres("a", workDir, url, smtp.getSmtp().getPort());
        JarNode b = JarNode.onPostgres("b", workDir, url, smtp.getSmtp().getPort())) {
      List<String> nodes = List.of(a.baseUrl(), b.baseUrl());
      AtomicInteger calls = new AtomicInteger();
      RestTripDriver driver =
          new RestTripDriver(() -> nodes.get(calls.getAndIncrement() % nodes.size()));

      long started = System.nanoTime();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Future<?>> trips = new ArrayList<>();
      for (int i = 0; i < TRIPS; i++) {
        trips.add(
            clients.submit(
                () -> {
                  try {
                    driver.runWholeLifecycle(TripRequestBuilder.aTrip().build());
                  } catch (Throwable failure) {
                    failures.add(failure);
                  }
                }));
      }
      for (Future<?> trip : trips) {
        trip.get(15, TimeUnit.MINUTES);
      }
      clients.shutdown();
      System.out.printf(
          "two nodes: %d trips closed in %.1f s through %d REST calls%n",
          TRIPS, (System.nanoTime() - started) / 1e9, calls.get());
      assertThat(failures).as("lifecycles that failed").isEmpty();

      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ = 'overseas-trip'"
                      + " AND state_ = 'COMPLETED' AND end_act_id_ = 'tripClosed'",
                  Integer.class))
          .isEqualTo(TRIPS);
      assertThat(db.queryForObject("SELECT count(*) FROM act_ru_execution", Integer.class))
          .isZero();

      // each trip numbered once, whichever node took its submission: distinct, without a gap, and
      // the registry's number is the engine's business key
      assertThat(
              db.queryForList(
                  "SELECT business_key_ FROM act_hi_procinst WHERE proc_def_key_ = 'overseas-trip'",
                  String.class))
          .hasSize(TRIPS)
          .doesNotHaveDuplicates()
          .allMatch(number -> number.matches("省商务厅-\\d{4}-\\d{4}"));
      assertThat(
              db.queryForObject(
                  "SELECT max(sequence_number) - min(sequence_number) + 1 FROM request_number",
                  Integer.class))
          .isEqualTo(TRIPS);
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM trip_registry r JOIN act_hi_procinst p"
                      + " ON p.id_ = r.process_instance_id WHERE r.request_number = p.business_key_",
                  Integer.class))
          .isEqualTo(TRIPS);

      // every timer ran exactly once, on whichever node acquired it, and nothing failed
      String timers = TIMERS.stream().map(t -> "'" + t + "'").collect(Collectors.joining(","));
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM act_hi_job_log WHERE job_state_ = 2"
                      + " AND act_id_ IN ("
                      + timers
                      + ")",
                  Integer.class))
          .isEqualTo(TRIPS * TIMERS.size());
      assertThat(
              db.queryForObject(
                  "SELECT count(DISTINCT job_id_) FROM act_hi_job_log WHERE job_state_ = 2"
                      + " AND act_id_ IN ("
                      + timers
                      + ")",
                  Integer.class))
          .isEqualTo(TRIPS * TIMERS.size());
      assertThat(
              db.queryForList(
                  "SELECT DISTINCT hostname_ FROM act_hi_job_log WHERE job_state_ = 2",
                  String.class))
          .as("both nodes executed jobs")
          .containsExactlyInAnyOrder("node-a", "node-b");
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM act_hi_job_log WHERE job_state_ = 1", Integer.class))
          .as("failed job runs")
          .isZero();
      assertThat(db.queryForObject("SELECT count(*) FROM act_hi_incident", Integer.class))
          .as("incidents")
          .isZero();

      // every notification delivered once, by Message-ID, by one node or the other
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  db.queryForObject(
                      "SELECT count(*) FROM notification_outbox WHERE status <> 'SENT'",
                      Integer.class),
              n -> n == 0);
      int written = db.queryForObject("SELECT count(*) FROM notification_outbox", Integer.class);
      MimeMessage[] received = smtp.getReceivedMessages();
      Set<String> messageIds =
          Arrays.stream(received).map(SeveralNodesIT::messageId).collect(Collectors.toSet());
      System.out.printf(
          "two nodes: %d notifications written, %d received, %d distinct Message-IDs%n",
          written, received.length, messageIds.size());
      assertThat(written).isGreaterThanOrEqualTo(TRIPS * 10);
      assertThat(received).hasSize(written);
      assertThat(messageIds).hasSize(written);

      RestClient auditor = new RestClient(a.baseUrl(), "zhao.lei");
      assertThat(
              read(expect(auditor.get("/api/audit/trail/verification"), 200))
                  .get("intact")
                  .asBoolean())
          .isTrue();

      assertALoginLivesInItsNode(a, b);
    } finally {
      smtp.stop();
    }
  }

  /**
   * A webapp login lives in the node that made it: valid there, unknown to the other node. This is
   * why the README asks for sticky sessions at the load balancer.
   */
  private static void assertALoginLivesInItsNode(JarNode a, JarNode b) {
    RestClient anonymousA = new RestClient(a.baseUrl(), null);
    String loggedIn = WebappSession.logIn(anonymousA, "li.na").session();

    HttpResponse<String> onA =
        anonymousA.send(
            anonymousA
                .request("/camunda/api/engine/engine/default/task/count")
                .header("Cookie", "JSESSIONID=" + loggedIn));
    assertThat(onA.statusCode()).as(onA.body()).isEqualTo(200);
    RestClient anonymousB = new RestClient(b.baseUrl(), null);
    HttpResponse<String> onB =
        anonymousB.send(
            anonymousB
                .request("/camunda/api/engine/engine/default/task/count")
                .header("Cookie", "JSESSIONID=" + loggedIn));
    assertThat(onB.statusCode()).as("the other node does not know the login").isEqualTo(401);
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
