package org.tripapproval.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.RestTripDriver.read;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tripapproval.support.JarNode;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.RestTripDriver;
import org.tripapproval.support.RunsJarNodes;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripDriver;
import org.tripapproval.support.TripLoad;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * A new version of the process and of the rule table, deployed on two nodes while trips run at
 * every stage (issue 20, item 1). Trips in flight finish on the version they started on; every rule
 * check after the deployment uses the new table, and each finding names the table version that
 * produced it, as the auditors read it. Then the administrators' migration ({@code
 * /api/admin/process-migrations}, refused to everyone else) moves the trips that wait to the new
 * version, where they finish; trips started before ADR 0015, still waiting in the withdraw task the
 * model no longer has, are named as not movable and finish on their own version. The system trail
 * and each moved trip's trail record the migration.
 */
@RunsJarNodes
class NewModelVersionsIT {

  private static final int CLIENTS_PER_NODE = 4;
  // trips waiting at the first review when the new version comes, to be migrated: with the load's
  // and the old model's, over 100 trips in flight (-DnewVersions.parked= to change)
  private static final int PARKED = Integer.getInteger("newVersions.parked", 90);
  private static final String RULE_TABLE = "trip-rule-check";
  private static final String AUDITOR = "zhao.lei";
  private static final String REFUSED = "X-Trips-Refused";

  @Test
  void newVersionsDeployedUnderLoadLeaveTripsInFlightOnTheirOwnAndTheOfficeMovesTheWaitingOnes(
      @TempDir Path workDir) throws Exception {
    String url = TestPostgres.newDatabase("versions");
    JdbcTemplate db = new JdbcTemplate(TestPostgres.server().getDatabase("postgres", "versions"));
    GreenMail smtp =
        new GreenMail(new ServerSetup(JarNode.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (JarNode a = JarNode.onPostgres("a", workDir, url, smtp.getSmtp().getPort());
        JarNode b = JarNode.onPostgres("b", workDir, url, smtp.getSmtp().getPort())) {
      List<String> nodes = List.of(a.baseUrl(), b.baseUrl());
      AtomicInteger calls = new AtomicInteger();
      RestTripDriver driver =
          new RestTripDriver(() -> nodes.get(calls.getAndIncrement() % nodes.size()));
      RestClient admin = new RestClient(b.baseUrl(), "admin");

      // trips from before ADR 0015: they wait in the applicant's withdraw task as well
      deploy(
          admin,
          "before ADR 0015",
          Map.of(
              "overseas-trip.bpmn",
              resource("/migration/overseas-trip-with-withdrawal-task.bpmn")));
      String beforeAdr15 = latestTripVersion(db);
      Map<String, TripRequest> beforeAdr15Trips = new LinkedHashMap<>();
      for (int i = 0; i < 2; i++) {
        TripRequest request = aTrip().build();
        beforeAdr15Trips.put(driver.submit(request), request);
      }
      List<String> withWithdrawTask = List.copyOf(beforeAdr15Trips.keySet());
      assertThat(driver.taskOrNull(withWithdrawTask.get(0), "withdrawTripRequest")).isNotNull();

      // the model as it is today; trips parked at the first review, each with a warning of today's
      // table
      deploy(admin, "today", Map.of("overseas-trip.bpmn", resource("/bpmn/overseas-trip.bpmn")));
      String today = latestTripVersion(db);
      int todaysTable = latestTableVersion(db);
      Map<String, TripRequest> parked = new LinkedHashMap<>();
      for (int i = 0; i < PARKED; i++) {
        TripRequest request = withOneOfficialDay(aTrip().build());
        parked.put(driver.submit(request), request);
      }

      // clients on both nodes run trips through their lifecycle; the new version comes meanwhile
      TripLoad onA = new TripLoad(a, CLIENTS_PER_NODE);
      TripLoad onB = new TripLoad(b, CLIENTS_PER_NODE);
      onA.until(() -> onA.closed.get() + onB.closed.get() >= 2);
      Set<String> startedBefore = new HashSet<>(onA.trips.keySet());
      startedBefore.addAll(onB.trips.keySet());
      deploy(
          admin,
          "policy 2",
          Map.of(
              "overseas-trip.bpmn",
              changed(
                  resource("/bpmn/overseas-trip.bpmn"),
                  "camunda:versionTag=\"1\"",
                  "camunda:versionTag=\"2\""),
              RULE_TABLE + ".dmn",
              changed(
                  resource("/bpmn/" + RULE_TABLE + ".dmn"),
                  "<outputEntry id=\"nationalOfficialShareNumerator\"><text>2</text>",
                  // official activity on 4 days of 3: a limit no trip meets, so that every check
                  // after the deployment has a finding to show which table produced it
                  "<outputEntry id=\"nationalOfficialShareNumerator\"><text>4</text>")));
      String policy2 = latestTripVersion(db);
      int newTable = latestTableVersion(db);
      assertThat(newTable).isGreaterThan(todaysTable);
      onA.until(() -> tripsOn(db, policy2, "tripClosed") >= 2);
      onA.stop();
      onB.stop();
      System.out.printf(
          "new versions: %d trips of the load, %d parked, %d from before ADR 0015%n",
          onA.trips.size() + onB.trips.size(), PARKED, 2);
      assertThat(onA.refused.get() + onB.refused.get()).as("calls that failed").isZero();

      // trips started before the deployment stayed on their version and finished there
      for (String trip : startedBefore) {
        assertThat(definitionOf(db, trip)).as(trip).isEqualTo(today);
      }
      assertThat(
              db.queryForObject(
                  "SELECT count(*) FROM act_hi_procinst p JOIN act_re_deployment d"
                      + " ON d.name_ = 'policy 2' WHERE p.proc_def_id_ = ?"
                      + " AND p.end_act_id_ = 'tripClosed' AND p.end_time_ > d.deploy_time_",
                  Integer.class,
                  today))
          .as("trips in flight at the deployment that closed on their own version")
          .isGreaterThanOrEqualTo(CLIENTS_PER_NODE);
      // every check after the deployment used the new table, and its findings say so
      RestClient auditor = new RestClient(a.baseUrl(), AUDITOR);
      List<String> onPolicy2 =
          db.queryForList(
              "SELECT id_ FROM act_hi_procinst WHERE proc_def_id_ = ?", String.class, policy2);
      assertThat(onPolicy2).hasSizeGreaterThanOrEqualTo(2);
      for (String trip : onPolicy2) {
        assertThat(findings(auditor, trip))
            .as(trip)
            .contains("tasks@" + newTable)
            .allMatch(finding -> finding.endsWith("@" + newTable));
      }
      for (String trip : parked.keySet()) {
        assertThat(findings(auditor, trip))
            .as(trip)
            .contains("tasks@" + todaysTable)
            .allMatch(finding -> finding.endsWith("@" + todaysTable));
      }

      // the office moves the waiting trips: administrators only
      for (String user : List.of(TripDriver.APPLICANT, "li.na", AUDITOR)) {
        RestClient someone = new RestClient(a.baseUrl(), user);
        assertThat(someone.get("/api/admin/process-migrations").statusCode()).isEqualTo(403);
        assertThat(someone.post("/api/admin/process-migrations", "{}").statusCode())
            .as(user)
            .isEqualTo(403);
      }
      assertThat(
              new RestClient(a.baseUrl(), null)
                  .post("/api/admin/process-migrations", "{}")
                  .statusCode())
          .isEqualTo(401);
      // not by the engine's own migration either: it neither says why a trip cannot move nor
      // records it
      assertThat(admin.post("/engine-rest/migration/execute", "{}").headers().firstValue(REFUSED))
          .isPresent();

      JsonNode preview = read(expect(admin.get("/api/admin/process-migrations"), 200));
      assertThat(preview.get("executed").asBoolean()).isFalse();
      assertThat(ids(preview.get("moved")))
          .as(preview.toString())
          .containsExactlyInAnyOrderElementsOf(parked.keySet());
      for (String trip : parked.keySet()) {
        assertThat(runningDefinitionOf(db, trip)).as("a preview moves nothing").isEqualTo(today);
      }

      JsonNode migration = read(expect(admin.post("/api/admin/process-migrations", "{}"), 200));
      assertThat(migration.get("executed").asBoolean()).isTrue();
      assertThat(migration.at("/target/processDefinitionId").asText()).isEqualTo(policy2);
      assertThat(migration.at("/target/versionTag").asText()).isEqualTo("2");
      assertThat(ids(migration.get("moved")))
          .as(migration.toString())
          .containsExactlyInAnyOrderElementsOf(parked.keySet());
      assertThat(ids(migration.get("stayed")))
          .containsExactlyInAnyOrderElementsOf(withWithdrawTask);
      for (JsonNode stayed : migration.get("stayed")) {
        assertThat(stayed.get("obstacles"))
            .anySatisfy(
                obstacle -> {
                  assertThat(obstacle.get("activity").asText()).isEqualTo("withdrawTripRequest");
                  assertThat(obstacle.get("activityName").asText()).contains("Withdraw");
                  assertThat(obstacle.get("reason").asText())
                      .contains("没有这一环节", "has no such step");
                });
      }
      assertThat(migration.get("summary").asText())
          .contains(PARKED + " trips moved", "2 cannot", "已迁移" + PARKED);
      for (String trip : parked.keySet()) {
        assertThat(runningDefinitionOf(db, trip)).isEqualTo(policy2);
      }
      for (String trip : withWithdrawTask) {
        assertThat(runningDefinitionOf(db, trip)).isEqualTo(beforeAdr15);
      }

      // in the trail: the system's entry, and each moved trip's own
      JsonNode systemTrail =
          read(expect(auditor.get("/api/audit/system-trail?size=20"), 200)).get("entries");
      assertThat(systemTrail)
          .anySatisfy(
              entry -> {
                assertThat(entry.get("event").asText()).isEqualTo("system.migration.execute");
                assertThat(entry.get("actor").asText()).isEqualTo("admin");
                assertThat(entry.get("details").asText()).contains("withdrawTripRequest");
              });
      String moved = parked.keySet().iterator().next();
      assertThat(
              read(expect(auditor.get("/api/audit/trips/" + moved + "/record"), 200))
                  .get("timeline"))
          .anySatisfy(
              moment ->
                  assertThat(moment.get("what").asText())
                      .contains("Moved to process version " + policy2.split(":")[1]));

      // the moved trips finish on the new version, the others on theirs
      ExecutorService clients =
          Executors.newFixedThreadPool(Math.min(PARKED + 2, 2 * CLIENTS_PER_NODE));
      List<Future<?>> finishing = new ArrayList<>();
      parked.forEach(
          (trip, request) -> finishing.add(clients.submit(() -> driver.driveToEnd(trip, request))));
      beforeAdr15Trips.forEach(
          (trip, request) -> finishing.add(clients.submit(() -> driver.driveToEnd(trip, request))));
      for (Future<?> trip : finishing) {
        trip.get(5, TimeUnit.MINUTES);
      }
      clients.shutdown();
      assertThat(tripsOn(db, policy2, "tripClosed"))
          .isGreaterThanOrEqualTo(onPolicy2.size() + PARKED);
      for (String trip : withWithdrawTask) {
        assertThat(definitionOf(db, trip)).isEqualTo(beforeAdr15);
      }
      assertThat(tripsOn(db, beforeAdr15, "tripClosed")).isEqualTo(withWithdrawTask.size());
      assertThat(db.queryForObject("SELECT count(*) FROM act_ru_incident", Integer.class)).isZero();
      assertThat(expect(auditor.get("/api/audit/trail/verification"), 200).body())
          .contains("\"intact\":true");
    } finally {
      smtp.stop();
    }
  }

  private static void deploy(RestClient admin, String name, Map<String, String> resources) {
    expect(admin.deploy(name, resources), 200);
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = NewModelVersionsIT.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The text with one place changed; fails if the text has no such place. */
  private static String changed(String text, String before, String after) {
    assertThat(text).contains(before);
    return text.replace(before, after);
  }

  /** The request with official activity on its first day only: a warning of the rule table. */
  private static TripRequest withOneOfficialDay(TripRequest trip) {
    List<TripRequest.ItineraryDay> days =
        trip.itinerary().stream()
            .map(
                day ->
                    day.date().equals(trip.departureDate())
                        ? day
                        : new TripRequest.ItineraryDay(
                            day.date(), day.country(), day.city(), "参观 sightseeing", null))
            .toList();
    return new TripRequest(
        null,
        trip.purpose(),
        trip.members(),
        trip.departureDate(),
        trip.returnDate(),
        days,
        trip.tasks(),
        trip.invitation(),
        trip.budget(),
        trip.planReference(),
        null);
  }

  private static String latestTripVersion(JdbcTemplate db) {
    return db.queryForObject(
        "SELECT id_ FROM act_re_procdef WHERE key_ = ? ORDER BY version_ DESC LIMIT 1",
        String.class,
        TripProcess.KEY);
  }

  private static int latestTableVersion(JdbcTemplate db) {
    return db.queryForObject(
        "SELECT max(version_) FROM act_re_decision_def WHERE key_ = ?", Integer.class, RULE_TABLE);
  }

  private static int tripsOn(JdbcTemplate db, String definition, String endActivity) {
    return db.queryForObject(
        "SELECT count(*) FROM act_hi_procinst WHERE proc_def_id_ = ? AND end_act_id_ = ?",
        Integer.class,
        definition,
        endActivity);
  }

  private static String definitionOf(JdbcTemplate db, String trip) {
    return db.queryForObject(
        "SELECT proc_def_id_ FROM act_hi_procinst WHERE id_ = ?", String.class, trip);
  }

  private static String runningDefinitionOf(JdbcTemplate db, String trip) {
    return db.queryForObject(
        "SELECT proc_def_id_ FROM act_ru_execution WHERE id_ = ?", String.class, trip);
  }

  /** The trip's findings as the auditors' record shows them: rule@table version. */
  private static List<String> findings(RestClient auditor, String trip) {
    JsonNode findings =
        read(expect(auditor.get("/api/audit/trips/" + trip + "/record"), 200)).get("findings");
    return StreamSupport.stream(findings.spliterator(), false)
        .map(
            finding -> {
              assertThat(finding.get("table").asText()).isEqualTo(RULE_TABLE);
              return finding.get("rule").asText() + "@" + finding.get("tableVersion").asInt();
            })
        .toList();
  }

  private static List<String> ids(JsonNode trips) {
    return StreamSupport.stream(trips.spliterator(), false)
        .map(trip -> trip.get("processInstanceId").asText())
        .toList();
  }
}
