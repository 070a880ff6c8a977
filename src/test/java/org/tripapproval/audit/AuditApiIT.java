package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;
import java.util.List;

/** Auditors read a trip's trail and the chain's verification; nobody else does, and nobody writes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// a fresh database per test, so that counts are this test's; and one engine per JVM at a time
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AuditApiIT {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;

  @Test
  void auditorsReadTheTrailAndTheVerificationAndNobodyElseDoes() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.review(trip, "sendBack", "请补充议题 <b>list</b>");
    String path = "/api/audit/trips/" + trip.getId() + "/trail";

    HttpResponse<String> trail = call("GET", path, "zhao.lei");
    assertThat(trail.statusCode()).isEqualTo(200);
    assertThat(trail.body()).contains("trip.submitted", "operation.Claim", "li.na", "请补充议题 <b>list</b>");
    assertThat(call("GET", "/api/audit/trail/verification", "zhao.lei").body()).contains("\"intact\":true");

    assertThat(call("GET", path, "zhang.wei").statusCode()).isEqualTo(403);
    assertThat(call("GET", path, "li.na").statusCode()).isEqualTo(403);
    assertThat(call("GET", path, "admin").statusCode()).isEqualTo(403);
    assertThat(call("GET", path, null).statusCode()).isEqualTo(401);
    assertThat(call("DELETE", path, "zhao.lei").statusCode()).isEqualTo(403);
    assertThat(call("POST", "/api/audit/trail/verification", "zhao.lei").statusCode()).isEqualTo(403);
    assertThat(call("GET", "/api/audit/trips/no-such-trip/trail", "zhao.lei").statusCode()).isEqualTo(400);
    assertThat(call("GET", "/api/audit/trips/00000000-0000-0000-0000-000000000000/trail", "zhao.lei").statusCode())
        .isEqualTo(404);
    // a wrong password locks the user for a few seconds (the engine's login throttling): not the auditor,
    // whom the other test needs
    assertThat(call("GET", path, "chen.jing", "wrong-password").statusCode()).isEqualTo(401);
    assertThat(call("GET", path, "chen.jing").statusCode()).as("throttled right after, else 403").isEqualTo(401);
  }

  @Test
  void auditorsSearchExportAndCountTripsThatTookDifferentPaths() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    TripRequest closedRequest = aTrip().build();
    ProcessInstance closed = driver.submit(closedRequest);
    driver.approveAndTravel(closed);
    driver.fileReport(closed, driver.reportFor(closedRequest));
    driver.decide(TripDriver.VERIFIER, closed, TripProcess.VERIFY_TRIP_REPORT, "accept", "");
    driver.fireTimer(closed, TripProcess.POST_TRIP_DISCLOSURE_ENDED);
    ProcessInstance rejected = driver.submit(aTrip().countries("KR").build());
    driver.review(rejected, "reject", "出访必要性不足");
    ProcessInstance overdue = driver.submit(aTrip().members(List.of(
        new TripRequest.Member("=HYPERLINK(\"http://x\")", "翻译", TripRequest.Rank.staff),
        new TripRequest.Member("李四", "处长", TripRequest.Rank.division))).build());
    driver.approveAndTravel(overdue);
    driver.fireTimer(overdue, TripProcess.REPORT_OVERDUE);
    ProcessInstance tooLarge = driver.submit(aTrip().members(7).build());
    int year = closedRequest.departureDate().getYear();

    assertThat(total("status=CLOSED")).isEqualTo(1);
    assertThat(total("status=REJECTED")).isEqualTo(1);
    assertThat(total("country=KR")).isEqualTo(1);
    assertThat(total("member=" + java.net.URLEncoder.encode("李四", StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(total("overdueReport=true")).isEqualTo(1);
    assertThat(total("finding=size")).isEqualTo(1);
    assertThat(total("unit=commerce&applicant=zhang.wei")).isEqualTo(4);
    assertThat(total("from=" + year + "-01-01&to=" + year + "-12-31")).isEqualTo(4);
    assertThat(total("unit=education")).isZero();
    assertThat(total("member=" + java.net.URLEncoder.encode("'; DROP TABLE trip_registry; --", StandardCharsets.UTF_8)))
        .isZero();
    assertThat(total("size=2&page=1")).isEqualTo(4);
    assertThat(call("GET", "/api/audit/trips?size=2&page=1", "zhao.lei").body()).contains("\"page\":1", "\"size\":2");

    for (String bad : List.of("size=1000", "size=0", "page=-1", "from=2026-13-01", "to=yesterday", "status=LOST",
        "country=jp", "unit=%27%20OR%201%3D1", "overdueReport=maybe", "bogus=1", "finding=%25")) {
      HttpResponse<String> refused = call("GET", "/api/audit/trips?" + bad, "zhao.lei");
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.body()).as(bad).contains("\"parameter\":\"" + bad.substring(0, bad.indexOf('=')) + "\"");
    }

    HttpResponse<String> csv = call("GET", "/api/audit/trips.csv?unit=commerce", "zhao.lei");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("\uFEFFprocess_instance_id,applicant,unit,status");
    assertThat(csv.body()).contains(closed.getId(), rejected.getId(), overdue.getId(), tooLarge.getId(), "外办〔",
        "\"'=HYPERLINK(\"\"http://x\"\");李四\"");

    String stats = call("GET", "/api/audit/statistics?year=" + year, "zhao.lei").body();
    assertThat(stats).contains("\"unit\":\"commerce\"", "\"trips\":4", "\"rejected\":1", "\"overdueReports\":1",
        "出访必要性不足", "\"countries\":2");
    assertThat(stats).doesNotContain("\"medianApprovalHours\":null");
    assertThat(call("GET", "/api/audit/statistics?year=abc", "zhao.lei").statusCode()).isEqualTo(400);
    assertThat(call("GET", "/api/audit/statistics", "zhao.lei").statusCode()).isEqualTo(400);
    assertThat(call("GET", "/api/audit/trips", "zhang.wei").statusCode()).isEqualTo(403);
  }

  @Test
  void auditorsReadRunningTripsThroughTheEngineButChangeNothing() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    ProcessInstance trip = driver.submit(aTrip().build());
    String instance = "/engine-rest/process-instance/" + trip.getId();

    assertThat(call("GET", "/engine-rest/process-instance?processDefinitionKey=overseas-trip", "zhao.lei").body())
        .contains(trip.getId());
    assertThat(call("GET", instance + "/variables/applicant", "zhao.lei").statusCode()).isEqualTo(200);
    assertThat(call("DELETE", instance, "zhao.lei").statusCode()).isEqualTo(403);
    assertThat(call("POST", instance + "/suspended", "zhao.lei").statusCode()).isNotIn(200, 204);
    assertThat(call("DELETE", instance + "/variables/applicant", "zhao.lei").statusCode()).isEqualTo(403);
    assertThat(engine.getRuntimeService().getVariable(trip.getId(), "applicant")).isEqualTo("zhang.wei");
    assertThat(call("GET", "/engine-rest/process-instance?processDefinitionKey=overseas-trip", "zhou.qiang").body())
        .as("a reviewer of another unit sees no trips").isEqualTo("[]");
  }

  private long total(String query) throws Exception {
    HttpResponse<String> response = call("GET", "/api/audit/trips?" + query, "zhao.lei");
    assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
    return mapper.readTree(response.body()).path("total").asLong();
  }

  private HttpResponse<String> call(String method, String path, String user) throws Exception {
    return call(method, path, user, "Trip-Demo-2026");
  }

  private HttpResponse<String> call(String method, String path, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
