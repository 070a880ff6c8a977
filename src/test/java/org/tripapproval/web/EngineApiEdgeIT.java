package org.tripapproval.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.RestTripDriver.write;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.RestTripDriver;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.WebappSession;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripVariables;

/**
 * The edge in front of the engine's APIs, on PostgreSQL, through HTTP as clients send it: the
 * attacks of issue 13 that the edge refuses, every operation of the engine's OpenAPI document as
 * every role under both prefixes, the spellings of a path, and the body cap. The edge marks its own
 * refusals with the header X-Trips-Refused: edge, so they are told from the engine's 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class EngineApiEdgeIT {

  private static final String REFUSED = "X-Trips-Refused";
  private static final List<String> DEMO_USERS =
      List.of("zhang.wei", "li.na", "wang.fang", "liu.yang", "chen.jing", "zhao.lei", "admin");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabase("edge");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  RestTripDriver driver;
  RestClient anonymous;

  @BeforeEach
  void setUp() {
    anonymous = new RestClient("http://localhost:" + port, null);
    driver = new RestTripDriver(() -> "http://localhost:" + port);
  }

  // ---- the attacks of issue 13 that are the edge's

  @Test
  void startInstructionsThatSkipTheReviewsAreRefusedAndStartNothing() throws Exception {
    long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    ObjectNode body =
        (ObjectNode) RestTripDriver.JSON.readTree(RestTripDriver.submission(aTrip().build()));
    body.putArray("startInstructions")
        .addObject()
        .put("type", "startBeforeActivity")
        .put("activityId", TripProcess.ISSUE_APPROVAL_NUMBER);
    String path = "/engine-rest/process-definition/key/" + TripProcess.KEY + "/start";

    HttpResponse<String> started = anonymous.as("zhang.wei").post(path, write(body));

    assertRefusedByTheEdge(started);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count())
        .as("nothing started")
        .isEqualTo(instances);
    assertThat(refusalsOf("zhang.wei")).anySatisfy(details -> assertThat(details).contains(path));
  }

  @Test
  void theNamedEngineTwinOfTaskVariablesCannotMoveTheReturnDate() {
    String trip = driver.submit(aTrip().build());
    String review = driver.taskOrNull(trip, TripProcess.REVIEW_TRIP_REQUEST);
    expect(
        anonymous
            .as("li.na")
            .post("/engine-rest/task/" + review + "/claim", "{\"userId\":\"li.na\"}"),
        204);
    Object returnDate = engine.getRuntimeService().getVariable(trip, TripVariables.RETURN_DATE);
    String path = "/engine-rest/engine/default/task/" + review + "/variables";

    HttpResponse<String> changed =
        anonymous
            .as("li.na")
            .post(
                path,
                "{\"modifications\":{\"returnDate\":{\"value\":\"2099-12-30\",\"type\":\"String\"}}}");

    assertRefusedByTheEdge(changed);
    assertThat(engine.getRuntimeService().getVariable(trip, TripVariables.RETURN_DATE))
        .as("unchanged")
        .isEqualTo(returnDate);
    assertThat(refusalsOf("li.na")).anySatisfy(details -> assertThat(details).contains(path));
  }

  /**
   * The withdrawal is correlated by the application only (approval/Withdrawals), after checking the
   * caller, the time and the reason: the engine's own ways of sending the message or moving the
   * trip to its end are refused to the applicant under both prefixes, and the trip goes on.
   */
  @Test
  void anApplicantCannotWithdrawThroughTheEngineApis() {
    String trip = driver.submit(aTrip().build());
    String message =
        "{\"messageName\":\""
            + TripProcess.WITHDRAWAL_REQUESTED
            + "\",\"processInstanceId\":\""
            + trip
            + "\",\"processVariables\":{\""
            + TripVariables.WITHDRAWAL_REQUEST_REASON
            + "\":{\"value\":\"绕过我的出访\"}}}";
    RestClient applicant = anonymous.as("zhang.wei");
    for (String prefix : List.of("/engine-rest", "/engine-rest/engine/default")) {
      assertRefusedByTheEdge(applicant.post(prefix + "/message", message));
      assertRefusedByTheEdge(
          applicant.post(
              prefix + "/process-instance/" + trip + "/modification",
              "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\""
                  + TripProcess.RECORD_WITHDRAWAL
                  + "\"}],\"annotation\":\"撤回\"}"));
      assertRefusedByTheEdge(
          applicant.post(
              prefix + "/process-instance/" + trip + "/variables",
              "{\"modifications\":{\""
                  + TripVariables.WITHDRAWAL_REASON
                  + "\":{\"value\":\"绕过\"}}}"));
      assertRefusedByTheEdge(
          applicant.send(applicant.request(prefix + "/process-instance/" + trip).DELETE()));
    }

    assertThat(
            engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(trip).count())
        .as("the trip goes on")
        .isEqualTo(1);
    assertThat(driver.taskOrNull(trip, TripProcess.REVIEW_TRIP_REQUEST)).isNotNull();
    assertThat(refusalsOf("zhang.wei"))
        .anySatisfy(details -> assertThat(details).contains("/message"));
  }

  @Test
  void anApplicantCannotFireATimer() {
    String trip = driver.submit(aTrip().build());
    Job timer =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(trip)
            .timers()
            .list()
            .get(0);
    String path = "/engine-rest/job/" + timer.getId() + "/execute";

    HttpResponse<String> fired = anonymous.as("zhang.wei").post(path, "");

    assertRefusedByTheEdge(fired);
    Job after = engine.getManagementService().createJobQuery().jobId(timer.getId()).singleResult();
    assertThat(after).as("the timer still waits").isNotNull();
    assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());
    assertThat(refusalsOf("zhang.wei")).anySatisfy(details -> assertThat(details).contains(path));
  }

  @Test
  void aReviewerCannotEndAReviewWithABpmnError() {
    String trip = driver.submit(aTrip().build());
    String review = driver.taskOrNull(trip, TripProcess.REVIEW_TRIP_REQUEST);
    expect(
        anonymous
            .as("li.na")
            .post("/engine-rest/task/" + review + "/claim", "{\"userId\":\"li.na\"}"),
        204);
    String path = "/engine-rest/task/" + review + "/bpmnError";

    HttpResponse<String> ended =
        anonymous
            .as("li.na")
            .post(
                path,
                "{\"errorCode\":\"approve\",\"variables\":{\"decision\":{\"value\":\"approve\",\"type\":\"String\"}}}");

    assertRefusedByTheEdge(ended);
    assertThat(engine.getTaskService().createTaskQuery().taskId(review).count())
        .as("the review is still open")
        .isEqualTo(1);
    assertThat(engine.getRuntimeService().getVariable(trip, TripVariables.DECISION)).isNull();
    assertThat(refusalsOf("li.na")).anySatisfy(details -> assertThat(details).contains(path));
  }

  // ---- what a task may set: checked after login, as the caller

  @Test
  void theVariableCheckAnswersNothingBeforeTheLogin() {
    String trip = driver.submit(aTrip().build());
    String review = driver.taskOrNull(trip, TripProcess.REVIEW_TRIP_REQUEST);
    String smuggled = "{\"variables\":{\"applicant\":{\"value\":\"li.na\",\"type\":\"String\"}}}";

    HttpResponse<String> answer =
        anonymous.send(
            anonymous
                .request("/engine-rest/task/" + review + "/submit-form")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("li.na:wrong".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(smuggled)));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
    assertThat(answer.body()).doesNotContain("applicant");
  }

  @Test
  void theVariableCheckDoesNotTellWhetherAnotherUnitsTaskExists() {
    String trip = driver.submit(aTrip().build());
    String review = driver.taskOrNull(trip, TripProcess.REVIEW_TRIP_REQUEST);
    String smuggled =
        "{\"variables\":{\"applicant\":{\"value\":\"zhou.qiang\",\"type\":\"String\"}}}";

    HttpResponse<String> existing =
        anonymous.as("zhou.qiang").post("/engine-rest/task/" + review + "/submit-form", smuggled);
    HttpResponse<String> missing =
        anonymous.as("zhou.qiang").post("/engine-rest/task/no-such-task/submit-form", smuggled);

    assertThat(existing.statusCode()).as(existing.body()).isNotEqualTo(400);
    assertThat(existing.body()).doesNotContain("reviewTripRequest", "decisionReason");
    assertThat(missing.statusCode()).as(missing.body()).isNotEqualTo(400);
    assertThat(engine.getTaskService().createTaskQuery().taskId(review).count()).isEqualTo(1);
  }

  @Test
  void objectVariablesAreRefused() {
    long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    String object =
        "{\"variables\":{\"trip\":{\"type\":\"Object\",\"value\":\"{}\",\"valueInfo\":{"
            + "\"objectTypeName\":\"java.util.HashMap\",\"serializationDataFormat\":\"application/json\"}}}}";

    HttpResponse<String> answer =
        anonymous
            .as("zhang.wei")
            .post(
                "/engine-rest/process-definition/key/" + TripProcess.KEY + "/submit-form", object);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("Object");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count())
        .isEqualTo(instances);
  }

  // ---- every operation of the engine, every role, both prefixes

  @Test
  void everyOperationOfTheEngineIsRefusedUnlessTheRoleIsAllowedIt() throws Exception {
    JsonNode openApi;
    try (InputStream document = getClass().getResourceAsStream("/openapi.json")) {
      openApi = RestTripDriver.JSON.readTree(document);
    }
    List<String[]> operations = new ArrayList<>();
    openApi
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (Set.of("get", "post", "put", "delete", "options").contains(method)) {
                            operations.add(new String[] {method.toUpperCase(), path.getKey()});
                          }
                        }));
    assertThat(operations).as("the engine's operations").hasSizeGreaterThan(350);

    // the users' calls are independent (the edge's answer depends on the role only), so the users
    // are asked at the same time; each user's calls keep their order
    Map<String, Future<List<String>>> wrongByUser = new LinkedHashMap<>();
    Map<String, int[]> passedAndRefused = new ConcurrentSkipListMap<>();
    ExecutorService users = Executors.newFixedThreadPool(4);
    try {
      for (String user : DEMO_USERS) {
        Set<EngineApiAllowlist.Role> roles = EngineApiAllowlist.Role.of(groupsOf(user));
        int[] counts = passedAndRefused.computeIfAbsent(user + " " + roles, key -> new int[2]);
        wrongByUser.put(
            user, users.submit(() -> answersAgainstTheAllowlist(user, roles, operations, counts)));
      }
      List<String> wrong = new ArrayList<>();
      for (Future<List<String>> answers : wrongByUser.values()) {
        wrong.addAll(answers.get(5, TimeUnit.MINUTES));
      }
      passedAndRefused.forEach(
          (user, counts) ->
              System.out.printf(
                  "%-70s passed the edge %4d, refused %4d%n", user, counts[0], counts[1]));
      assertThat(wrong).as("operations the edge answered against its allowlist").isEmpty();
    } finally {
      users.shutdownNow();
    }
  }

  /** This user's calls of every operation under both prefixes that the edge answered wrongly. */
  private List<String> answersAgainstTheAllowlist(
      String user, Set<EngineApiAllowlist.Role> roles, List<String[]> operations, int[] counts) {
    List<String> wrong = new ArrayList<>();
    for (String[] operation : operations) {
      String resource = operation[1].replaceAll("\\{[^}]+}", "matrix-0");
      boolean allowed =
          EngineApiAllowlist.permits(roles, EngineRequest.Api.ENGINE, operation[0], resource);
      for (String prefix : List.of("/engine-rest", "/engine-rest/engine/default")) {
        HttpResponse<String> answer = call(user, operation[0], prefix + resource);
        boolean refusedHere =
            answer.statusCode() == 403 && answer.headers().firstValue(REFUSED).isPresent();
        counts[refusedHere ? 1 : 0]++;
        if (allowed == refusedHere) {
          wrong.add(
              user
                  + " "
                  + operation[0]
                  + " "
                  + prefix
                  + operation[1]
                  + " -> "
                  + answer.statusCode()
                  + (allowed
                      ? " (allowlisted, refused by the edge)"
                      : " (not allowlisted, passed the edge)"));
        }
      }
    }
    return wrong;
  }

  /**
   * Written out by hand, not read from the allowlist: what no role but the administrators may ever
   * do.
   */
  @Test
  void whatSkipsTheReviewsIsRefusedForEveryRole() {
    String[][] never = {
      {"POST", "/process-definition/key/overseas-trip/start"},
      {"POST", "/process-definition/matrix-0/start"},
      {"POST", "/process-instance/matrix-0/modification"},
      {"POST", "/process-instance/matrix-0/variables"},
      {"PUT", "/process-instance/matrix-0/variables/decision"},
      {"POST", "/message"},
      {"POST", "/signal"},
      {"POST", "/job/matrix-0/execute"},
      {"POST", "/external-task/fetchAndLock"},
      {"POST", "/task/matrix-0/bpmnError"},
      {"POST", "/task/matrix-0/bpmnEscalation"},
      {"POST", "/task/matrix-0/variables"},
      {"PUT", "/task/matrix-0/variables/decision"},
      {"POST", "/task/matrix-0/localVariables"},
      {"POST", "/task/matrix-0/resolve"},
      {"POST", "/task/matrix-0/delegate"},
      {"POST", "/task/matrix-0/assignee"},
      {"PUT", "/task/matrix-0"},
      {"POST", "/migration/execute"},
      {"POST", "/batch/matrix-0/suspended"},
      {"POST", "/deployment/create"},
      {"PUT", "/user/zhang.wei/profile"},
      {"PUT", "/user/li.na/profile"},
    };
    List<String> wrong = new ArrayList<>();
    for (String user : DEMO_USERS.subList(0, DEMO_USERS.size() - 1)) {
      for (String[] operation : never) {
        for (String prefix : List.of("/engine-rest", "/engine-rest/engine/default")) {
          HttpResponse<String> answer = call(user, operation[0], prefix + operation[1]);
          if (answer.statusCode() != 403 || answer.headers().firstValue(REFUSED).isEmpty()) {
            wrong.add(
                user
                    + " "
                    + operation[0]
                    + " "
                    + prefix
                    + operation[1]
                    + " -> "
                    + answer.statusCode());
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    // not even an administrator starts a trip half-way or moves it through modification
    assertRefusedByTheEdge(
        call("admin", "POST", "/engine-rest/process-definition/key/overseas-trip/start"));
    assertRefusedByTheEdge(
        call("admin", "POST", "/engine-rest/process-instance/matrix-0/modification"));
    assertRefusedByTheEdge(call("admin", "POST", "/engine-rest/task/matrix-0/bpmnError"));
  }

  // ---- one operation, however it is spelled

  @Test
  void everySpellingOfAPathIsNormalizedOrRefused() {
    String trip = driver.submit(aTrip().build());
    Job timer =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(trip)
            .timers()
            .list()
            .get(0);
    RestClient applicant = anonymous.as("zhang.wei");
    Map<String, String> spellings = new LinkedHashMap<>();
    spellings.put("double slash", "/engine-rest//job/" + timer.getId() + "/execute");
    spellings.put("trailing slash", "/engine-rest/job/" + timer.getId() + "/execute/");
    spellings.put("named engine", "/engine-rest/engine/default/job/" + timer.getId() + "/execute");
    spellings.put("encoded letters", "/engine-rest/%6Aob/" + timer.getId() + "/execute");
    spellings.put("dot segment", "/engine-rest/task/../job/" + timer.getId() + "/execute");
    spellings.put(
        "encoded dot segment", "/engine-rest/task/%2E%2E/job/" + timer.getId() + "/execute");
    spellings.put("path parameter", "/engine-rest/job;jsessionid=x/" + timer.getId() + "/execute");
    spellings.put("path parameter on the id", "/engine-rest/job/" + timer.getId() + ";x=y/execute");
    spellings.put("encoded semicolon", "/engine-rest/job/" + timer.getId() + "%3Bx/execute");
    spellings.put("other engine", "/engine-rest/engine/other/job/" + timer.getId() + "/execute");
    spellings.put(
        "upper-case engine segment",
        "/engine-rest/ENGINE/default/job/" + timer.getId() + "/execute");
    List<String> wrong = new ArrayList<>();
    spellings.forEach(
        (spelling, path) -> {
          HttpResponse<String> answer = applicant.post(path, "");
          if (answer.statusCode() < 400 && answer.statusCode() >= 200) {
            wrong.add(spelling + ": " + path + " -> " + answer.statusCode());
          }
        });
    // an encoded letter in the prefix: the container still maps it to the engine, so the edge must
    // see it too
    HttpResponse<String> encodedPrefix =
        applicant.post("/%65ngine-rest/job/" + timer.getId() + "/execute", "");
    assertThat(encodedPrefix.statusCode()).as(encodedPrefix.body()).isEqualTo(403);
    assertThat(encodedPrefix.headers().firstValue(REFUSED))
        .as("refused by the edge")
        .hasValue("edge");
    // the prefix in another case is not the engine at all
    HttpResponse<String> upperCase =
        applicant.post("/ENGINE-REST/job/" + timer.getId() + "/execute", "");
    assertThat(upperCase.statusCode()).isIn(401, 403, 404, 405);
    assertThat(wrong).as("spellings that executed the timer").isEmpty();
    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .jobId(timer.getId())
                .singleResult()
                .getDuedate())
        .isEqualTo(timer.getDuedate());
    // the same spellings of an allowed read pass the edge (the engine then answers as it reads
    // them)
    assertThat(applicant.get("/engine-rest//task/count/").headers().firstValue(REFUSED)).isEmpty();
    assertThat(
            applicant.get("/engine-rest/engine/default/%74ask/count").headers().firstValue(REFUSED))
        .isEmpty();
    assertThat(applicant.get("/engine-rest/engine/default/task/count/").statusCode())
        .isEqualTo(200);
    // the encoded slash never reaches the engine
    HttpResponse<String> encodedSlash =
        applicant.post("/engine-rest/task%2F" + timer.getId() + "/claim", "{}");
    assertThat(encodedSlash.statusCode()).isIn(400, 403);
  }

  // ---- the body cap, before anything reads the body

  @Test
  void bodiesOverTheCapAreRefusedWith413() throws Exception {
    String trip = driver.submit(aTrip().build());
    String review = driver.taskOrNull(trip, TripProcess.REVIEW_TRIP_REQUEST);

    String declared = rawPost("/engine-rest/task", "zhang.wei", 2 * 1024 * 1024);
    assertThat(declared).startsWith("HTTP/1.1 413").contains("X-Trips-Refused: edge");

    String upload =
        rawPost("/engine-rest/task/" + review + "/submit-form", "li.na", 16 * 1024 * 1024);
    assertThat(upload).startsWith("HTTP/1.1 413");

    byte[] large =
        ("{\"processInstanceId\":\"" + "x".repeat(1024 * 1024 + 512 * 1024) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    RestClient applicant = anonymous.as("zhang.wei");
    HttpResponse<String> chunked =
        applicant.send(
            applicant
                .request("/engine-rest/task")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(large))));
    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
    assertThat(engine.getTaskService().createTaskQuery().taskId(review).count()).isEqualTo(1);
    assertThat(refusalsOf("zhang.wei"))
        .anySatisfy(details -> assertThat(details).contains("body too large"));
  }

  // ---- the webapps' engine API, logged in with the webapps' session

  @Test
  void theWebappsEngineApiHasTheSameAllowlist() {
    String trip = driver.submit(aTrip().build());
    Job timer =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(trip)
            .timers()
            .list()
            .get(0);
    WebappSession session = WebappSession.logIn(anonymous, "zhang.wei");

    assertThat(session.get("/camunda/api/engine/engine/default/task/count").statusCode())
        .isEqualTo(200);
    HttpResponse<String> fired =
        session.post("/camunda/api/engine/engine/default/job/" + timer.getId() + "/execute");
    assertRefusedByTheEdge(fired);
    assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).count())
        .isEqualTo(1);
    assertThat(refusalsOf("zhang.wei"))
        .anySatisfy(details -> assertThat(details).contains(timer.getId() + "/execute"));
  }

  // ---- helpers

  private static void assertRefusedByTheEdge(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
    assertThat(answer.headers().firstValue(REFUSED))
        .as("refused by the edge, not the engine")
        .hasValue("edge");
    assertThat(answer.body())
        .contains("\"type\":\"Forbidden\"", "此操作不允许 / this operation is not allowed");
  }

  private List<String> refusalsOf(String user) {
    return jdbc.queryForList(
        "SELECT details FROM audit_trail WHERE event = 'access.refused' AND actor = ? ORDER BY id",
        String.class,
        user);
  }

  private List<String> groupsOf(String user) {
    return engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId)
        .toList();
  }

  private HttpResponse<String> call(String user, String method, String path) {
    RestClient client = anonymous.as(user);
    HttpRequest.Builder request = client.request(path);
    return switch (method) {
      case "GET" -> client.send(request.GET());
      case "DELETE" -> client.send(request.DELETE());
      case "OPTIONS" -> client.send(request.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
      default ->
          client.send(
              request
                  .header("Content-Type", "application/json")
                  .method(method, HttpRequest.BodyPublishers.ofString("{}")));
    };
  }

  /**
   * A POST that declares a body of this length and sends none: the edge must answer from the header
   * alone.
   */
  private String rawPost(String path, String user, long length) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String credentials =
          Base64.getEncoder()
              .encodeToString((user + ":" + RestClient.PASSWORD).getBytes(StandardCharsets.UTF_8));
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                  + credentials
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // the head of the answer only: the server may keep waiting for the body it was promised
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      return head.toString();
    }
  }
}
