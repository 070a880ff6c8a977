package org.tripapproval.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.RestTripDriver.read;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
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
import org.tripapproval.support.Files;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.RestTripDriver;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * Who may do what, on PostgreSQL, through the public endpoints: every role against the engine's
 * REST API and the project's own, allowed or refused; four eyes; what a task lets a client set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class SecurityIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabase("security");
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

  @Test
  void everyRoleMayDoWhatItsRoleAllowsAndNothingElse() {
    String commerceTrip = driver.submit(aTrip().build());
    String educationTrip =
        read(expect(
                anonymous
                    .as("sun.li")
                    .post(
                        "/engine-rest/process-definition/key/overseas-trip/submit-form",
                        RestTripDriver.submission(aTrip().build())),
                200))
            .get("id")
            .asText();
    String review = driver.taskOrNull(commerceTrip, TripProcess.REVIEW_TRIP_REQUEST);
    String instance = "/engine-rest/process-instance/" + commerceTrip;

    List<String> wrong = new ArrayList<>();
    // who, method, path, allowed?
    Object[][] matrix = {
      {null, "GET", "/engine-rest/process-definition?maxResults=10", false},
      {null, "GET", instance, false},
      {null, "GET", "/api/audit/trips", false},
      {null, "GET", "/api/notifications", false},
      {null, "GET", "/mail", false},
      // the applicant: their own trip, nobody else's; no audit, no administration
      {"zhang.wei", "GET", instance, true},
      {"zhang.wei", "GET", instance + "/variables", true},
      {"zhang.wei", "GET", "/engine-rest/process-instance/" + educationTrip, false},
      {"zhang.wei", "GET", "/engine-rest/process-instance/" + educationTrip + "/variables", false},
      {"zhang.wei", "POST", "/engine-rest/task/" + review + "/claim", false},
      {"zhang.wei", "DELETE", instance, false},
      {"zhang.wei", "PUT", instance + "/suspended", false},
      {"zhang.wei", "GET", "/api/audit/trips", false},
      {"zhang.wei", "GET", "/api/notifications", false},
      {"zhang.wei", "GET", "/api/my-trips", true},
      {"sun.li", "GET", instance, false},
      {"sun.li", "POST", "/api/my-trips/" + commerceTrip + "/withdrawal", false},
      {null, "GET", "/api/my-trips", false},
      {"li.na", "GET", "/api/my-trips", false},
      {"wang.fang", "POST", "/api/my-trips/" + commerceTrip + "/withdrawal", false},
      {"zhao.lei", "GET", "/api/my-trips", false},
      {"admin", "POST", "/api/my-trips/" + commerceTrip + "/withdrawal", false},
      // a change after approval is asked for by the trip's own applicant only
      {"sun.li", "POST", "/api/my-trips/" + commerceTrip + "/change", false},
      {null, "POST", "/api/my-trips/" + commerceTrip + "/change", false},
      {"li.na", "POST", "/api/my-trips/" + commerceTrip + "/change", false},
      {"wang.fang", "POST", "/api/my-trips/" + commerceTrip + "/change", false},
      {"zhao.lei", "POST", "/api/my-trips/" + commerceTrip + "/change", false},
      {"admin", "POST", "/api/my-trips/" + commerceTrip + "/change", false},
      // reviewers: the tasks of their groups only
      {"li.na", "POST", "/engine-rest/task/" + review + "/claim", true},
      {"zhou.qiang", "POST", "/engine-rest/task/" + review + "/claim", false},
      {"zhou.qiang", "GET", instance, false},
      {"liu.yang", "POST", "/engine-rest/task/" + review + "/complete", false},
      // the foreign affairs office sees every trip in progress and changes none outside its tasks
      {"wang.fang", "GET", instance, true},
      {"wang.fang", "GET", "/engine-rest/process-instance/" + educationTrip, true},
      {"wang.fang", "DELETE", instance, false},
      {"wang.fang", "GET", "/api/audit/trips", false},
      // auditors read everything and change nothing
      {"zhao.lei", "GET", "/api/audit/trips", true},
      {"zhao.lei", "GET", "/api/audit/trail/verification", true},
      {"zhao.lei", "GET", instance, true},
      {"zhao.lei", "GET", "/engine-rest/history/process-instance/" + commerceTrip, true},
      {"zhao.lei", "DELETE", instance, false},
      {"zhao.lei", "POST", "/engine-rest/task/" + review + "/claim", false},
      {"zhao.lei", "POST", "/api/audit/trips", false},
      {"zhao.lei", "GET", "/api/notifications", false},
      // deploying models runs their scripts in the JVM: administrators only
      {"zhang.wei", "POST", "/engine-rest/deployment/create", false},
      {"wang.fang", "POST", "/engine-rest/deployment/create", false},
      {"zhao.lei", "POST", "/engine-rest/deployment/create", false},
      {"admin", "GET", "/api/notifications", true},
      // health for the load balancer; the node's metrics for administrators
      {null, "GET", "/actuator/health", true},
      {null, "GET", "/actuator/metrics", false},
      {"zhao.lei", "GET", "/actuator/metrics/jvm.memory.used", false},
      {"admin", "GET", "/actuator/metrics/jvm.memory.used", true},
      {"admin", "GET", "/engine-rest/deployment?maxResults=10", true},
    };
    for (Object[] row : matrix) {
      String user = (String) row[0];
      HttpResponse<String> response = call(user, (String) row[1], (String) row[2]);
      boolean allowed = response.statusCode() < 300;
      boolean refusedClearly = Set.of(401, 403, 404).contains(response.statusCode());
      if ((Boolean) row[3] != allowed || (!allowed && !refusedClearly)) {
        wrong.add(
            user
                + " "
                + row[1]
                + " "
                + row[2]
                + " -> "
                + response.statusCode()
                + " "
                + response.body());
      }
    }
    assertThat(wrong).as("answers that do not match the authorization model").isEmpty();

    assertThat(taskKeysSeenBy("zhang.wei", commerceTrip)).as("no standing task").isEmpty();
    assertThat(taskKeysSeenBy("zhou.qiang", commerceTrip)).isEmpty();
    assertThat(taskKeysSeenBy("liu.yang", commerceTrip)).isEmpty();
    assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceIds(Set.of(commerceTrip, educationTrip))
                .count())
        .as("nothing deleted")
        .isEqualTo(2);
    assertThat(engine.getRepositoryService().createDeploymentQuery().count())
        .as("nothing deployed")
        .isEqualTo(1);
  }

  @Test
  void everyoneLoggedInReadsTheVocabularyAndNobodyElse() {
    assertThat(anonymous.get("/api/vocabulary").statusCode()).isEqualTo(401);
    for (String user : List.of("zhang.wei", "li.na", "wang.fang", "zhao.lei", "admin")) {
      HttpResponse<String> vocabulary = anonymous.as(user).get("/api/vocabulary");
      assertThat(vocabulary.statusCode()).as(user).isEqualTo(200);
      assertThat(vocabulary.body())
          .as(user)
          .contains(
              "\"APPROVED\":{\"zh\":\"已批准\",\"en\":\"Approved\",\"label\":\"已批准 Approved\"}",
              "\"ENDED\"",
              "\"OVERDUE\"",
              "\"sendBack\"",
              "\"unitHead\"");
    }
    assertThat(anonymous.as("zhang.wei").post("/api/vocabulary", "{}").statusCode()).isIn(403, 405);
    assertThat(anonymous.as("zhang.wei").get("/api/vocabulary").body())
        .as("countries by their ISO codes, with the JDK's names")
        .contains("\"JP\":{\"zh\":\"日本\",\"en\":\"Japan\",\"label\":\"日本 Japan\"}");
  }

  @Test
  void everyoneLoggedInReadsNamesForIdsAndTheirOwnUnitsAndNobodyElse() {
    assertThat(anonymous.get("/api/directory/my-units").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/api/directory/names?user=li.na").statusCode()).isEqualTo(401);
    assertThat(anonymous.as("zhang.wei").get("/api/directory/my-units").body())
        .isEqualTo("[{\"id\":\"commerce\",\"name\":\"省商务厅 Department of Commerce\"}]");
    assertThat(anonymous.as("wang.fang").get("/api/directory/my-units").body()).isEqualTo("[]");
    HttpResponse<String> names =
        anonymous.as("li.na").get("/api/directory/names?user=zhang.wei&user=nobody&unit=commerce");
    assertThat(names.statusCode()).isEqualTo(200);
    assertThat(names.body())
        .contains(
            "\"zhang.wei\":\"张伟 (applicant)\"",
            "\"nobody\":\"nobody\"",
            "\"commerce\":\"省商务厅 Department of Commerce\"")
        .doesNotContain("@", "password");
    String tooMany =
        "/api/directory/names?"
            + String.join("&", Collections.nCopies(DirectoryApi.MAX_IDS + 1, "user=a"));
    assertThat(anonymous.as("li.na").get(tooMany).statusCode()).isEqualTo(400);
    assertThat(anonymous.as("zhang.wei").post("/api/directory/names", "{}").statusCode())
        .isIn(403, 405);
  }

  @Test
  void everyoneLoggedInSearchesThePersonnelDirectoryAndOnlyAdministratorsLoadIt() {
    assertThat(anonymous.get("/api/people?q=%E7%8E%8B%E4%BC%9F").statusCode()).isEqualTo(401);
    HttpResponse<String> found = anonymous.as("zhang.wei").get("/api/people?q=%E7%8E%8B%E4%BC%9F");
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body())
        .contains("\"id\":\"SW0112\"", "\"id\":\"JY0231\"", "\"unitName\":\"省教育厅")
        .as("names, units and posts; never user ids")
        .doesNotContain("userId", "zhang.wei");
    assertThat(anonymous.as("zhang.wei").get("/api/people").statusCode()).isEqualTo(400);
    assertThat(anonymous.as("zhang.wei").get("/api/people?q=x&unit=nowhere").statusCode())
        .isEqualTo(400);
    String csv = "person_id,name,post,rank,principal_leader,user_id\nSW0999,冒名,厅长,bureau,是,\n";
    for (String user : List.of("zhang.wei", "li.na", "wang.fang", "zhao.lei")) {
      assertThat(anonymous.as(user).get("/api/people/units/commerce").statusCode())
          .as(user + " lists a unit")
          .isEqualTo(403);
      assertThat(anonymous.as(user).put("/api/people/units/commerce", csv).statusCode())
          .as(user + " loads a unit")
          .isEqualTo(403);
    }
    assertThat(anonymous.as("zhang.wei").get("/api/people?q=SW0999").body()).isEqualTo("[]");
  }

  @Test
  void fourEyesRefusesAMemberOverRestAndSaysWhy() {
    String trip =
        driver.submit(
            aTrip()
                .members(
                    List.of(
                        new TripRequest.Member("张伟", "副处长", TripRequest.Rank.division),
                        new TripRequest.Member("李娜", "处长", TripRequest.Rank.division)))
                .build());
    String review = driver.taskOrNull(trip, TripProcess.REVIEW_TRIP_REQUEST);

    HttpResponse<String> claim =
        anonymous
            .as("li.na")
            .post("/engine-rest/task/" + review + "/claim", "{\"userId\":\"li.na\"}");
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(403);
    assertThat(claim.body()).contains("Four eyes: li.na travels on this trip");
    HttpResponse<String> complete =
        anonymous
            .as("li.na")
            .post(
                "/engine-rest/task/" + review + "/submit-form",
                "{\"variables\":{\"decision\":{\"value\":\"approve\"}}}");
    assertThat(complete.statusCode()).as(complete.body()).isEqualTo(403);
    assertThat(
            engine.getTaskService().createTaskQuery().taskId(review).singleResult().getAssignee())
        .isNull();
    JsonNode trail =
        read(expect(anonymous.as("zhao.lei").get("/api/audit/trips/" + trip + "/trail"), 200));
    assertThat(trail.findValuesAsText("event")).contains("fourEyes.refused");
    // the engine wrote each refusal itself: the edge does not write it again
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_trail WHERE event = 'access.refused' AND actor = 'li.na'"
                    + " AND details LIKE ?",
                Integer.class,
                "%" + review + "%"))
        .isZero();
  }

  @Test
  void aTaskSetsOnlyTheVariablesItsFormSubmits() {
    String trip = driver.submit(aTrip().build());
    String review = driver.taskOrNull(trip, TripProcess.REVIEW_TRIP_REQUEST);
    RestClient reviewer = anonymous.as("li.na");
    expect(reviewer.post("/engine-rest/task/" + review + "/claim", "{\"userId\":\"li.na\"}"), 204);

    HttpResponse<String> smuggled =
        reviewer.post(
            "/engine-rest/task/" + review + "/submit-form",
            "{\"variables\":{\"decision\":{\"value\":\"approve\"},\"applicant\":{\"value\":\"li.na\"}}}");
    assertThat(smuggled.statusCode()).isEqualTo(400);
    assertThat(smuggled.body()).contains("[applicant]", "decision");
    assertThat(
            jdbc.queryForList(
                "SELECT details FROM audit_trail WHERE event = 'access.refused' AND actor = 'li.na'",
                String.class))
        .as("the smuggling attempt is in the trail")
        .anySatisfy(details -> assertThat(details).contains(review + "/submit-form", "applicant"));
    assertThat(
            reviewer
                .post(
                    "/engine-rest/task/" + review + "/complete",
                    "{\"variables\":{\"decisions\":{\"value\":\"[]\"}}}")
                .statusCode())
        .isEqualTo(400);
    // complete sets the execution's variables, where a decision never counts: the answer says where
    // to give it
    HttpResponse<String> completedWithADecision =
        reviewer.post(
            "/engine-rest/task/" + review + "/complete",
            "{\"variables\":{\"decision\":{\"value\":\"approve\"}}}");
    assertThat(completedWithADecision.statusCode()).isEqualTo(400);
    assertThat(completedWithADecision.body()).contains("submit-form");
    // variables are set through a task's form only: the variable endpoints are refused at the edge
    // (403)
    assertThat(
            reviewer
                .post(
                    "/engine-rest/task/" + review + "/variables",
                    "{\"modifications\":{\"totalBudget\":{\"value\":1}}}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            reviewer
                .put(
                    "/engine-rest/task/" + review + "/variables/hasBlockingFindings",
                    "{\"value\":true}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            reviewer
                .put(
                    "/engine-rest/task/" + review + "/variables/applicant",
                    "{\"value\":\"zhang.wei\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            anonymous
                .as("zhang.wei")
                .put(
                    "/engine-rest/process-instance/" + trip + "/variables/applicant",
                    "{\"value\":\"someone.else\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            anonymous
                .as("zhang.wei")
                .post(
                    "/engine-rest/process-definition/key/overseas-trip/submit-form",
                    "{\"variables\":{\"applicant\":{\"value\":\"li.na\"}}}")
                .statusCode())
        .isEqualTo(400);
    assertThat(engine.getRuntimeService().getVariable(trip, "applicant")).isEqualTo("zhang.wei");
    assertThat(engine.getTaskService().createTaskQuery().taskId(review).count())
        .as("still open")
        .isEqualTo(1);

    expect(
        reviewer.post(
            "/engine-rest/task/" + review + "/submit-form",
            "{\"variables\":{\"decision\":{\"value\":\"approve\"},\"decisionReason\":{\"value\":\"同意\"}}}"),
        204);
  }

  @Test
  void applicantsSeeAndWithdrawTheirOwnTripsOnly() {
    String trip = driver.submit(aTrip().build());
    String number = (String) engine.getRuntimeService().getVariable(trip, "requestNumber");
    RestClient owner = anonymous.as("zhang.wei");

    JsonNode mine = read(expect(owner.get("/api/my-trips"), 200)).get("trips");
    JsonNode listed = null;
    for (JsonNode one : mine) {
      if (one.get("processInstanceId").asText().equals(trip)) {
        listed = one;
      }
    }
    assertThat(listed).as("the new trip is in My trips").isNotNull();
    assertThat(listed.get("requestNumber").asText()).isEqualTo(number);
    assertThat(listed.get("unitName").asText()).contains("省商务厅");
    assertThat(listed.get("statusLabel").asText()).isEqualTo("审批中 In review");
    assertThat(listed.get("nextStepLabel").asText()).startsWith("审核中 In review · 单位负责人");
    assertThat(listed.get("withdrawable").asBoolean()).isTrue();
    assertThat(listed.get("countries").findValuesAsText("name")).isNotEmpty();
    assertThat(read(expect(anonymous.as("sun.li").get("/api/my-trips"), 200)).toString())
        .as("another applicant does not see it")
        .doesNotContain(trip);

    HttpResponse<String> notTheirs = driver.withdraw("sun.li", trip, "不是我的");
    assertThat(notTheirs.statusCode()).isEqualTo(404);
    assertThat(notTheirs.body()).contains("没有找到您的这次出访", "there is no trip of yours");
    HttpResponse<String> noReason = driver.withdraw("zhang.wei", trip, "  ");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(read(noReason).get("parameter").asText()).isEqualTo("reason");
    assertThat(noReason.body()).contains("请说明撤回的理由", "say why the trip is withdrawn");
    assertThat(owner.post("/api/my-trips/" + trip + "/withdrawal", "{\"reason\":42}").statusCode())
        .isEqualTo(400);
    assertThat(
            engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(trip).count())
        .as("none of these withdrew it")
        .isEqualTo(1);

    expect(driver.withdraw("zhang.wei", trip, "外方会谈推迟 the talks were postponed"), 204);

    assertThat(
            engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(trip).count())
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT actor FROM audit_trail WHERE process_instance_id = ? AND event = 'trip.ended'",
                String.class,
                trip))
        .as("the trail names who withdrew it")
        .isEqualTo("zhang.wei");
    HttpResponse<String> again = driver.withdraw("zhang.wei", trip, "再撤一次");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("can no longer be withdrawn");
    assertThat(read(expect(owner.get("/api/my-trips"), 200)).toString()).contains("已撤回 Withdrawn");
  }

  @Test
  void reviewersNameTheirOwnSubstitutesAndNobodyElseDoes() {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String body =
        "{\"substitute\":\"zhou.qiang\",\"from\":\""
            + today
            + "\",\"until\":\""
            + today.plusDays(3)
            + "\"}";
    HttpResponse<String> named = anonymous.as("li.na").post("/api/substitutes", body);
    assertThat(named.statusCode()).as(named.body()).isEqualTo(201);
    assertThat(
            read(expect(anonymous.as("li.na").get("/api/substitutes"), 200))
                .findValuesAsText("substitute"))
        .containsExactly("zhou.qiang");
    assertThat(
            read(expect(anonymous.as("zhou.qiang").get("/api/substitutes"), 200))
                .findValuesAsText("absentUser"))
        .containsExactly("li.na");
    assertThat(anonymous.post("/api/substitutes", body).statusCode()).isEqualTo(401);
    assertThat(
            anonymous
                .as("zhang.wei")
                .post("/api/substitutes", body.replace("zhou.qiang", "sun.li"))
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> badDate =
        anonymous
            .as("li.na")
            .post("/api/substitutes", body.replace(today.toString(), "2026-02-30"));
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).contains("\"parameter\":\"from\"");
    long id = read(named).get("id").asLong();
    assertThat(
            anonymous
                .as("zhou.qiang")
                .send(anonymous.as("zhou.qiang").request("/api/substitutes/" + id).DELETE())
                .statusCode())
        .as("only the one who named it ends it")
        .isEqualTo(404);
    assertThat(
            anonymous
                .as("li.na")
                .send(anonymous.as("li.na").request("/api/substitutes/" + id).DELETE())
                .statusCode())
        .isEqualTo(204);
  }

  /**
   * A trip starts through its start form only (/start, with its start instructions, is refused at
   * the edge).
   */
  @Test
  void aBadRequestOnStartIsRefusedWith400AndStartsNothing() {
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();
    HttpResponse<String> started =
        anonymous
            .as("zhang.wei")
            .post(
                "/engine-rest/process-definition/key/overseas-trip/submit-form",
                "{\"variables\":{\"trip\":{\"type\":\"Json\",\"value\":\"{\\\"purpose\\\":\\\"\\\",\\\"members\\\":[]}\"}}}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(400);
    assertThat(started.body()).contains("purpose:", "members:");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
  }

  /**
   * Every field of a valid request, in turn, replaced by a malformed, oversized, out-of-range or
   * control-character value: 400 naming that field, nothing started. Hostile text (HTML, script,
   * SQL, long Unicode) is either refused naming the field or kept exactly as typed.
   */
  @Test
  void everyFieldOfARequestRefusesBadValuesByNameAndKeepsHostileTextAsText() throws Exception {
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();
    JsonNode valid = RestTripDriver.JSON.valueToTree(aTrip().build());
    List<String> leaves = new ArrayList<>();
    leavesOf(valid, "", leaves);
    List<String> wrong = new ArrayList<>();
    int refused = 0;
    int kept = 0;
    for (String leaf : leaves) {
      JsonNode original = at(valid, leaf);
      for (JsonNode bad : badValuesFor(original)) {
        HttpResponse<String> response = submitWith(valid, leaf, bad);
        if (response.statusCode() != 400
            || !response.body().contains(leaf.replaceAll("^\\.", ""))) {
          wrong.add(
              leaf
                  + " = "
                  + abbreviated(bad)
                  + " -> "
                  + response.statusCode()
                  + " "
                  + abbreviated(response.body()));
        }
        refused++;
      }
      if (original.isTextual() && !original.textValue().matches("\\d{4}-\\d{2}-\\d{2}|[a-z]+")) {
        for (String hostile : HOSTILE_TEXT) {
          HttpResponse<String> response =
              submitWith(valid, leaf, RestTripDriver.JSON.getNodeFactory().textNode(hostile));
          if (response.statusCode() == 200) {
            String trip = read(response).get("id").asText();
            JsonNode stored =
                RestTripDriver.JSON.readTree(
                    engine.getRuntimeService().getVariable(trip, "trip").toString());
            if (!hostile.equals(at(stored, leaf).asText())) {
              wrong.add(
                  leaf
                      + " = "
                      + abbreviated(hostile)
                      + " stored as "
                      + abbreviated(at(stored, leaf).asText()));
            }
            engine.getRuntimeService().deleteProcessInstance(trip, "test");
            kept++;
          } else if (response.statusCode() != 400 || !response.body().contains(leaf)) {
            wrong.add(
                leaf
                    + " = "
                    + abbreviated(hostile)
                    + " -> "
                    + response.statusCode()
                    + " "
                    + abbreviated(response.body()));
          } else {
            refused++;
          }
        }
      }
    }
    System.out.printf(
        "bad input: %d fields, %d values refused by name, %d hostile texts kept as typed%n",
        leaves.size(), refused, kept);
    assertThat(wrong)
        .as("bad values not refused by name, or hostile text not kept as typed")
        .isEmpty();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count())
        .as("nothing half-stored")
        .isEqualTo(before);
  }

  private static final List<String> HOSTILE_TEXT =
      List.of(
          "<script>alert('x')</script><img src=x onerror=alert(1)>",
          "'; DROP TABLE act_ru_task; -- \" OR 1=1",
          "出访".repeat(40) + "\uD83D\uDE00\u202E");

  private static List<JsonNode> badValuesFor(JsonNode original) {
    var json = RestTripDriver.JSON.getNodeFactory();
    if (original.isNumber()) {
      return List.of(
          json.numberNode(-1), json.numberNode(new BigDecimal("1e12")), json.textNode("一千"));
    }
    if (original.isBoolean()) { // a yes or no, e.g. the applicant's declaration
      return List.of(json.textNode("是"), json.textNode("maybe"));
    }
    String text = original.textValue();
    if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return List.of(
          json.textNode("1900-01-01"),
          json.textNode("9999-12-31"),
          json.textNode("2027-02-30"),
          json.textNode("tomorrow"));
    }
    if (text.matches("[a-z]+")) { // an enumeration, e.g. rank
      return List.of(json.textNode("emperor"));
    }
    return List.of(
        json.textNode("长".repeat(10_001)),
        json.textNode("a\u0000b"),
        json.textNode("line\u001b[31m"));
  }

  private HttpResponse<String> submitWith(JsonNode valid, String leaf, JsonNode value)
      throws Exception {
    JsonNode copy = valid.deepCopy();
    int split = Math.max(leaf.lastIndexOf('.'), leaf.lastIndexOf('['));
    JsonNode parent = split < 0 ? copy : at(copy, leaf.substring(0, split));
    if (split >= 0 && leaf.charAt(split) == '[') {
      ((ArrayNode) parent)
          .set(Integer.parseInt(leaf.substring(split + 1, leaf.length() - 1)), value);
    } else {
      ((ObjectNode) parent).set(leaf.substring(split + 1), value);
    }
    String trip = RestTripDriver.JSON.writeValueAsString(copy);
    return anonymous
        .as("zhang.wei")
        .post(
            "/engine-rest/process-definition/key/overseas-trip/submit-form",
            RestTripDriver.write(
                Map.of(
                    "variables",
                    Map.of(
                        "trip",
                        Map.of("type", "Json", "value", trip),
                        "invitationLetter",
                        Map.of(
                            "type",
                            "File",
                            "value",
                            Base64.getEncoder().encodeToString(Files.pdfBytes()),
                            "valueInfo",
                            Map.of(
                                "filename", "invitation.pdf", "mimeType", "application/pdf"))))));
  }

  /** Paths of the leaves as the API names fields: purpose, members[0].name, budget[1].amount. */
  private static void leavesOf(JsonNode node, String path, List<String> leaves) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              f ->
                  leavesOf(
                      f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), leaves));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        leavesOf(node.get(i), path + "[" + i + "]", leaves);
      }
    } else if (!node.isNull()) {
      leaves.add(path);
    }
  }

  private static JsonNode at(JsonNode root, String path) {
    String pointer =
        path.isEmpty() ? "" : "/" + path.replaceAll("\\[(\\d+)]", "/$1").replace('.', '/');
    return root.at(pointer.replace("//", "/"));
  }

  private static String abbreviated(Object value) {
    String text = String.valueOf(value);
    return text.length() > 160 ? text.substring(0, 160) + "…" : text;
  }

  private List<String> taskKeysSeenBy(String user, String trip) {
    JsonNode tasks =
        read(
            expect(
                anonymous.as(user).get("/engine-rest/task?maxResults=50&processInstanceId=" + trip),
                200));
    return tasks.findValuesAsText("taskDefinitionKey");
  }

  private HttpResponse<String> call(String user, String method, String path) {
    RestClient client = anonymous.as(user);
    String body =
        path.endsWith("/claim")
            ? "{\"userId\":\"" + user + "\"}"
            : path.endsWith("/suspended") ? "{\"suspended\":true}" : "{}";
    return switch (method) {
      case "GET" -> client.get(path);
      case "DELETE" -> client.send(client.request(path).DELETE());
      case "POST" ->
          path.endsWith("/deployment/create") ? deploy(client, path) : client.post(path, body);
      default -> client.put(path, body);
    };
  }

  private static HttpResponse<String> deploy(RestClient client, String path) {
    String boundary = "----trip" + System.nanoTime();
    String bpmn =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\">"
            + "<process id=\"sneaky\" isExecutable=\"true\"><startEvent id=\"s\"/></process></definitions>";
    String multipart =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nsneaky\r\n"
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"sneaky.bpmn\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + bpmn
            + "\r\n--"
            + boundary
            + "--\r\n";
    return client.send(
        client
            .request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(multipart)));
  }
}
