package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * The auditors' API on PostgreSQL: trips that took different paths found by every filter, exported
 * and counted; trails and their verification; who may read; 10,000 trips exported in bounded
 * memory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// a fresh database per test, so that counts are this test's; and one engine per JVM at a time
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AuditApiIT {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabase("audit_" + DATABASES.incrementAndGet());
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @Autowired TripSearch search;
  @Autowired JdbcTemplate jdbc;

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
    assertThat(trail.body())
        .contains("trip.submitted", "operation.Claim", "li.na", "请补充议题 <b>list</b>");
    assertThat(call("GET", "/api/audit/trail/verification", "zhao.lei").body())
        .contains("\"intact\":true");

    HttpResponse<String> record =
        call("GET", "/api/audit/trips/" + trip.getId() + "/record", "zhao.lei");
    assertThat(record.statusCode()).isEqualTo(200);
    assertThat(record.body()).contains("李娜 (unit head)", "请补充议题 <b>list</b>", "退回 Send back");
    assertThat(call("GET", "/api/audit/units", "zhao.lei").body())
        .contains("\"commerce\":\"省商务厅 Department of Commerce\"");

    for (String read : List.of(path, path.replace("/trail", "/record"), "/api/audit/units")) {
      assertThat(call("GET", read, "zhang.wei").statusCode()).as(read).isEqualTo(403);
      assertThat(call("GET", read, "li.na").statusCode()).as(read).isEqualTo(403);
      assertThat(call("GET", read, "admin").statusCode()).as(read).isEqualTo(403);
      assertThat(call("GET", read, null).statusCode()).as(read).isEqualTo(401);
    }
    assertThat(call("DELETE", path, "zhao.lei").statusCode()).isEqualTo(403);
    assertThat(call("POST", "/api/audit/trail/verification", "zhao.lei").statusCode())
        .isEqualTo(403);
    assertThat(call("GET", "/api/audit/trips/no-such-trip/trail", "zhao.lei").statusCode())
        .isEqualTo(400);
    assertThat(
            call("GET", "/api/audit/trips/00000000-0000-0000-0000-000000000000/trail", "zhao.lei")
                .statusCode())
        .isEqualTo(404);
    // a wrong password locks the user for a few seconds (the engine's login throttling): not the
    // auditor,
    // whom the other test needs
    assertThat(call("GET", path, "chen.jing", "wrong-password").statusCode()).isEqualTo(401);
    assertThat(call("GET", path, "chen.jing").statusCode())
        .as("throttled right after, else 403")
        .isEqualTo(401);
  }

  @Test
  void auditorsSearchExportAndCountTripsThatTookDifferentPaths() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    TripRequest closedRequest = aTrip().build();
    ProcessInstance closed = driver.submit(closedRequest);
    driver.approveAndTravel(closed);
    driver.fileReport(closed, TripDriver.reportFor(closedRequest));
    driver.decide(TripDriver.VERIFIER, closed, TripProcess.VERIFY_TRIP_REPORT, "accept", "");
    driver.fireTimer(closed, TripProcess.POST_TRIP_DISCLOSURE_ENDED);
    ProcessInstance rejected = driver.submit(aTrip().countries("KR").build());
    driver.review(rejected, "reject", "出访必要性不足");
    ProcessInstance overdue =
        driver.submit(
            aTrip()
                .members(
                    List.of(
                        new TripRequest.Member(
                            "=HYPERLINK(\"http://x\")", "翻译", TripRequest.Rank.staff),
                        new TripRequest.Member("李四", "处长", TripRequest.Rank.division)))
                .build());
    driver.approveAndTravel(overdue);
    driver.fireTimer(overdue, TripProcess.REPORT_OVERDUE);
    ProcessInstance tooLarge = driver.submit(aTrip().members(7).build());
    int year = closedRequest.departureDate().getYear();

    assertThat(total("status=CLOSED")).isEqualTo(1);
    assertThat(total("status=REJECTED")).isEqualTo(1);
    assertThat(total("country=KR")).isEqualTo(1);
    assertThat(total("member=" + URLEncoder.encode("李四", StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(total("overdueReport=true")).isEqualTo(1);
    assertThat(total("finding=size")).isEqualTo(1);
    assertThat(total("unit=commerce&applicant=zhang.wei")).isEqualTo(4);
    assertThat(total("from=" + year + "-01-01&to=" + year + "-12-31")).isEqualTo(4);
    assertThat(total("finding=size&from=" + year + "-01-01&to=" + year + "-12-31")).isEqualTo(1);
    assertThat(total("country=KR&from=" + year + "-01-01&to=" + year + "-12-31")).isEqualTo(1);
    assertThat(total("country=KR&from=" + (year + 1) + "-01-01")).isZero();
    assertThat(total("finding=size&to=" + (year - 1) + "-12-31")).isZero();
    // a country or a finding with conditions on the registry as well (V20 reads from their index)
    assertThat(total("country=KR&status=REJECTED")).isEqualTo(1);
    assertThat(total("country=KR&status=CLOSED")).isZero();
    assertThat(total("country=JP&finding=size")).isEqualTo(1);
    assertThat(total("country=KR&finding=size")).isZero();
    assertThat(total("finding=size&unit=commerce&overdueReport=false")).isEqualTo(1);
    assertThat(total("country=JP&from=" + year + "-01-01&to=" + year + "-12-31")).isEqualTo(3);
    assertThat(call("GET", "/api/audit/trips.csv?country=KR", "zhao.lei").body())
        .contains(rejected.getId())
        .doesNotContain(closed.getId(), overdue.getId(), tooLarge.getId());
    assertThat(total("unit=education")).isZero();
    // a trip by its request number, which is its business key
    String requestNumber = closed.getBusinessKey();
    assertThat(requestNumber).matches("省商务厅-\\d{4}-\\d{4}");
    JsonNode byNumber =
        mapper.readTree(
            call(
                    "GET",
                    "/api/audit/trips?requestNumber="
                        + URLEncoder.encode(requestNumber, StandardCharsets.UTF_8),
                    "zhao.lei")
                .body());
    assertThat(byNumber.get("total").asLong()).isEqualTo(1);
    assertThat(byNumber.get("trips").get(0).get("processInstanceId").asText())
        .isEqualTo(closed.getId());
    assertThat(byNumber.get("trips").get(0).get("requestNumber").asText()).isEqualTo(requestNumber);
    assertThat(
            total("requestNumber=" + URLEncoder.encode("省商务厅-1999-0001", StandardCharsets.UTF_8)))
        .isZero();
    assertThat(
            total(
                "member="
                    + URLEncoder.encode("'; DROP TABLE trip_registry; --", StandardCharsets.UTF_8)))
        .isZero();
    assertThat(total("size=2&page=1")).isEqualTo(4);
    assertThat(call("GET", "/api/audit/trips?size=2&page=1", "zhao.lei").body())
        .contains("\"page\":1", "\"size\":2");

    for (String bad :
        List.of(
            "size=1000",
            "size=0",
            "page=-1",
            "from=2026-13-01",
            "to=yesterday",
            "status=LOST",
            "country=jp",
            "unit=%27%20OR%201%3D1",
            "overdueReport=maybe",
            "bogus=1",
            "finding=%25",
            "requestNumber=0012",
            "requestNumber=" + URLEncoder.encode("省商务厅 2026 0001", StandardCharsets.UTF_8))) {
      HttpResponse<String> refused = call("GET", "/api/audit/trips?" + bad, "zhao.lei");
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.body())
          .as(bad)
          .contains("\"parameter\":\"" + bad.substring(0, bad.indexOf('=')) + "\"");
    }

    HttpResponse<String> csv = call("GET", "/api/audit/trips.csv?unit=commerce", "zhao.lei");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines).hasSize(5);
    // bilingual headers and words first, for people; the codes in their own columns, for machines
    assertThat(lines.get(0))
        .startsWith("\uFEFF申请编号 Request number,申请人 Applicant,单位 Unit,状态 Status")
        .contains(",process_instance_id,applicant_id,unit_code,status_code,");
    assertThat(csv.body())
        .contains(
            closed.getId(),
            rejected.getId(),
            overdue.getId(),
            tooLarge.getId(),
            requestNumber + ",张伟 (applicant),省商务厅 Department of Commerce,已归档 Closed,",
            closed.getId() + ",zhang.wei,commerce,CLOSED,",
            "外办〔",
            "\"'=HYPERLINK(\"\"http://x\"\");李四\"");

    String stats = call("GET", "/api/audit/statistics?year=" + year, "zhao.lei").body();
    assertThat(stats)
        .contains(
            "\"unit\":\"commerce\"",
            "\"trips\":4",
            "\"rejected\":1",
            "\"overdueReports\":1",
            "出访必要性不足",
            "\"countries\":2");
    // the closed and the overdue trip got their numbers; the rejected and the refused did not
    assertThat(mapper.readTree(stats).at("/units/0/timeToApproval/trips").asInt()).isEqualTo(2);
    assertThat(mapper.readTree(stats).at("/units/0/timeToApproval/medianWorkingDays").isNumber())
        .isTrue();
    assertThat(call("GET", "/api/audit/statistics?year=abc", "zhao.lei").statusCode())
        .isEqualTo(400);
    assertThat(call("GET", "/api/audit/statistics", "zhao.lei").statusCode()).isEqualTo(400);
    assertThat(call("GET", "/api/audit/trips", "zhang.wei").statusCode()).isEqualTo(403);
  }

  @Test
  void auditorsReadRunningTripsThroughTheEngineButChangeNothing() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    ProcessInstance trip = driver.submit(aTrip().build());
    String instance = "/engine-rest/process-instance/" + trip.getId();

    assertThat(
            call(
                    "GET",
                    "/engine-rest/process-instance?maxResults=100&processDefinitionKey=overseas-trip",
                    "zhao.lei")
                .body())
        .contains(trip.getId());
    assertThat(call("GET", instance + "/variables/applicant", "zhao.lei").statusCode())
        .isEqualTo(200);
    assertThat(call("DELETE", instance, "zhao.lei").statusCode()).isEqualTo(403);
    assertThat(call("POST", instance + "/suspended", "zhao.lei").statusCode()).isNotIn(200, 204);
    assertThat(call("DELETE", instance + "/variables/applicant", "zhao.lei").statusCode())
        .isEqualTo(403);
    assertThat(engine.getRuntimeService().getVariable(trip.getId(), "applicant"))
        .isEqualTo("zhang.wei");
    assertThat(
            call(
                    "GET",
                    "/engine-rest/process-instance?maxResults=100&processDefinitionKey=overseas-trip",
                    "zhou.qiang")
                .body())
        .as("a reviewer of another unit sees no trips")
        .isEqualTo("[]");
  }

  @Test
  void exportsTenThousandTripsAsCsvInBoundedMemory() throws Exception {
    int trips = 10_000;
    List<Object[]> rows = new ArrayList<>();
    List<Object[]> members = new ArrayList<>();
    List<Object[]> countries = new ArrayList<>();
    LocalDate day = LocalDate.of(2026, 1, 1);
    for (int i = 0; i < trips; i++) {
      String id = String.format("bulk-%06d", i);
      rows.add(
          new Object[] {
            id,
            // every fifth applicant has left the directory: the export names them by their id
            i % 5 == 0 ? "left.office" + i % 7 : "zhang.wei",
            "commerce",
            "CLOSED",
            "与日本经济产业省商谈合作备忘录的具体条款 " + i,
            Date.valueOf(day.plusDays(i % 300)),
            Date.valueOf(day.plusDays(i % 300 + 4)),
            "外办〔2026〕" + i + "号",
            3,
            true,
            "ACCEPTED",
            new Timestamp(System.currentTimeMillis())
          });
      for (int m = 0; m < 3; m++) {
        members.add(new Object[] {id, m, "团员" + i + "-" + m, "干部", "section"});
      }
      countries.add(new Object[] {id, "JP"});
    }
    jdbc.batchUpdate(
        "INSERT INTO trip_registry (process_instance_id, applicant, unit, status, purpose, departure_date,"
            + " return_date, approval_number, delegation_size, planned, report_status, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
    jdbc.batchUpdate(
        "INSERT INTO trip_member (process_instance_id, member_index, name, post, member_rank)"
            + " VALUES (?, ?, ?, ?, ?)",
        members);
    jdbc.batchUpdate(
        "INSERT INTO trip_country (process_instance_id, country) VALUES (?, ?)", countries);
    rows.clear();
    members.clear();
    countries.clear();

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    long[] peak = {0};
    long[] lines = {0};
    Writer sampling =
        new Writer() {
          @Override
          public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
              if (buffer[i] == '\n' && ++lines[0] % 2000 == 0) {
                memory.gc();
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    search.exportCsv(TripFilter.parse(Map.of("unit", "commerce")), sampling);

    memory.gc();
    long after = memory.getHeapMemoryUsage().getUsed();

    assertThat(lines[0]).isEqualTo(trips + 1);
    // one batch of 1,000 rows is held at a time; holding all 10,000 would add well over 10 MB. The
    // growth is counted from the heap before or after the export, whichever is higher: what the
    // test JVM's other application contexts keep meanwhile (their schedulers run) stays after it,
    // what the export holds does not
    assertThat(peak[0] - Math.max(before, after))
        .as("heap growth while exporting, bytes")
        .isLessThan(6L * 1024 * 1024);

    HttpResponse<Stream<String>> download =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:" + port + "/api/audit/trips.csv?unit=commerce"))
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    "zhao.lei:Trip-Demo-2026".getBytes(StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    assertThat(download.statusCode()).isEqualTo(200);
    List<String> exported = download.body().toList();
    assertThat(exported).hasSize(trips + 1);
    // the names of each batch are looked up together: a person known and one no longer known
    assertThat(exported)
        .filteredOn(line -> line.startsWith(",张伟 (applicant),省商务厅 Department of Commerce,"))
        .hasSize(trips - trips / 5);
    assertThat(exported)
        .filteredOn(line -> line.startsWith(",left.office3,省商务厅 Department of Commerce,"))
        .hasSize((int) IntStream.range(0, trips).filter(i -> i % 5 == 0 && i % 7 == 3).count());
    // each batch reads its trips' members and countries as one key range: none is cut off
    Pattern whole = Pattern.compile(".*,团员(\\d+)-0;团员\\1-1;团员\\1-2,日本[^,]*,bulk-0*\\1,.*");
    assertThat(exported.subList(1, exported.size()))
        .allSatisfy(line -> assertThat(line).matches(whole));

    JsonNode broad = mapper.readTree(call("GET", "/api/audit/trips?size=50", "zhao.lei").body());
    assertThat(broad.get("total").asLong()).isEqualTo(TripSearch.MAX_COUNTED);
    assertThat(broad.get("totalExact").asBoolean())
        .as("more than 10,000 matches are not all counted")
        .isFalse();
    assertThat(broad.get("trips").get(0).get("departureDate").asText())
        .as("the latest departure first")
        .isGreaterThanOrEqualTo(broad.get("trips").get(49).get("departureDate").asText());
  }

  private long total(String query) throws Exception {
    HttpResponse<String> response = call("GET", "/api/audit/trips?" + query, "zhao.lei");
    assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
    assertThat(mapper.readTree(response.body()).path("totalExact").asBoolean()).as(query).isTrue();
    return mapper.readTree(response.body()).path("total").asLong();
  }

  private HttpResponse<String> call(String method, String path, String user) throws Exception {
    return call(method, path, user, "Trip-Demo-2026");
  }

  private HttpResponse<String> call(String method, String path, String user, String password)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
