package org.tripapproval.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tripapproval.support.RestTripDriver.expect;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tripapproval.support.JarNode;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.RestTripDriver;
import org.tripapproval.support.RunsJarNodes;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripLoad;
import org.tripapproval.trip.TripRequest;

/**
 * The README's restore drill: {@code pg_dump} while trips run, restored into an empty database, a
 * node started on it with the checkpoints of the lost one set aside. Every trip the backup holds
 * carries on from where it was to its close (its timers fire, its tasks are decided), no incident,
 * and the audit chain verifies.
 */
@RunsJarNodes
class RestoreDrillIT {

  private static final int CLIENTS = 6;

  @Test
  void aBackupTakenUnderLoadRestoresIntoAnEmptyDatabaseAndEveryTripCarriesOn(@TempDir Path workDir)
      throws Exception {
    EmbeddedPostgres server = TestPostgres.server();
    String source = TestPostgres.newDatabase("drill_source");
    Path backup = workDir.resolve("trips.dump");
    GreenMail smtp =
        new GreenMail(new ServerSetup(JarNode.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      Map<String, TripRequest> requests;
      Path lost = Files.createDirectories(workDir.resolve("lost-node"));
      try (JarNode node =
          JarNode.onPostgres("drill-lost", lost, source, smtp.getSmtp().getPort())) {
        TripLoad load = new TripLoad(node, CLIENTS);
        JdbcTemplate sourceDb = new JdbcTemplate(server.getDatabase("postgres", "drill_source"));
        // under load, with trips on their way: closed ones and ones the backup catches in flight
        load.until(() -> load.closed.get() >= 2 && inFlight(sourceDb) >= 2);
        try (Connection held = server.getDatabase("postgres", "drill_source").getConnection()) {
          // the dump reads a moment seen to hold such trips: trips now close within a second, and
          // a dump started after a look could find every one of them closed
          String snapshot = momentWithTripsInFlight(held);
          run(
              "pg_dump",
              "--host=localhost",
              "--port=" + server.getPort(),
              "--username=postgres",
              "--format=custom",
              "--snapshot=" + snapshot,
              "--file=" + backup,
              "drill_source");
          held.rollback();
        }
        load.stop();
        requests = Map.copyOf(load.trips);
      }

      String target = TestPostgres.newDatabase("drill_restored");
      run(
          "pg_restore",
          "--host=localhost",
          "--port=" + server.getPort(),
          "--username=postgres",
          "--dbname=drill_restored",
          "--no-owner",
          "--exit-on-error",
          backup.toString());
      JdbcTemplate restored = new JdbcTemplate(server.getDatabase("postgres", "drill_restored"));
      List<String> inBackup =
          restored.queryForList(
              "SELECT id_ FROM act_hi_procinst WHERE proc_def_key_ = 'overseas-trip'",
              String.class);
      List<String> inFlight =
          restored.queryForList(
              "SELECT id_ FROM act_hi_procinst WHERE proc_def_key_ = 'overseas-trip'"
                  + " AND end_time_ IS NULL",
              String.class);
      System.out.printf(
          "restore drill: %d trips submitted before the backup's end, %d in the backup, %d of them"
              + " in flight%n",
          requests.size(), inBackup.size(), inFlight.size());
      assertThat(inFlight).as("the backup caught trips on their way").isNotEmpty();

      // a node of its own, without the lost node's checkpoints: they are ahead of the backup
      Path fresh = Files.createDirectories(workDir.resolve("restored-node"));
      try (JarNode node =
          JarNode.onPostgres("drill-restored", fresh, target, smtp.getSmtp().getPort())) {
        RestTripDriver driver = new RestTripDriver(node::baseUrl);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> finishing = new ArrayList<>();
        for (String trip : inFlight) {
          TripRequest request = requests.get(trip);
          assertThat(request).as("the request of " + trip).isNotNull();
          finishing.add(clients.submit(() -> driver.driveToEnd(trip, request)));
        }
        for (Future<?> trip : finishing) {
          trip.get(10, TimeUnit.MINUTES);
        }
        clients.shutdown();

        assertThat(
                restored.queryForObject(
                    "SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ = 'overseas-trip'"
                        + " AND state_ = 'COMPLETED' AND end_act_id_ = 'tripClosed'",
                    Integer.class))
            .as("every trip of the backup closed")
            .isEqualTo(inBackup.size());
        assertThat(restored.queryForObject("SELECT count(*) FROM act_ru_incident", Integer.class))
            .isZero();
        assertThat(
                expect(
                        new RestClient(node.baseUrl(), "zhao.lei")
                            .get("/api/audit/trail/verification"),
                        200)
                    .body())
            .contains("\"intact\":true");
      }
    } finally {
      smtp.stop();
    }
  }

  /**
   * A snapshot of the source database, exported for {@code pg_dump --snapshot}, in which at least
   * two trips have closed and two are in flight; the connection's transaction keeps it.
   */
  private static String momentWithTripsInFlight(Connection held) throws Exception {
    held.setAutoCommit(false);
    held.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    String[] exported = new String[1];
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              try (Statement look = held.createStatement();
                  ResultSet trips =
                      look.executeQuery(
                          "SELECT count(*) FILTER (WHERE end_time_ IS NULL),"
                              + " count(*) FILTER (WHERE end_time_ IS NOT NULL)"
                              + " FROM act_hi_procinst WHERE proc_def_key_ = 'overseas-trip'")) {
                trips.next();
                if (trips.getInt(1) < 2 || trips.getInt(2) < 2) {
                  held.rollback(); // the next look takes a new snapshot
                  return false;
                }
              }
              try (Statement export = held.createStatement();
                  ResultSet snapshot = export.executeQuery("SELECT pg_export_snapshot()")) {
                snapshot.next();
                exported[0] = snapshot.getString(1);
              }
              return true;
            });
    return exported[0];
  }

  private static int inFlight(JdbcTemplate db) {
    return db.queryForObject(
        "SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ = 'overseas-trip'"
            + " AND end_time_ IS NULL",
        Integer.class);
  }

  /** Runs one of PostgreSQL's client programs (Debian's postgresql-client) and waits for it. */
  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).inheritIO().start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(command[0] + " finished").isTrue();
    assertThat(process.exitValue()).as(command[0] + " exit code").isZero();
  }
}
