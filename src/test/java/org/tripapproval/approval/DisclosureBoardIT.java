package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.RestTripDriver.read;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.support.Browser;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.RestTripDriver;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * The disclosure board (公示栏) on PostgreSQL: a unit's board is read by its members and the foreign
 * affairs office and refused to everyone else, an objection is taken only from a member of the
 * trip's unit and holds the trip, and the objector's name stays off the board and off the
 * applicant's reads; in a real browser set to zh-CN, the board as a member of the unit sees it and
 * the refusal another unit's member gets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class DisclosureBoardIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabase("disclosure");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  static Browser browser;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired JdbcTemplate jdbc;

  RestClient anonymous;
  RestTripDriver rest;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    anonymous = new RestClient(site(""), null);
    rest = new RestTripDriver(() -> site(""));
    driver = new TripDriver(engine, mapper);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private String site(String path) {
    return "http://localhost:" + port + path;
  }

  private ProcessInstance disclosedTrip() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAllLevels(trip);
    assertThat(driver.isWaitingAt(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED)).isTrue();
    return trip;
  }

  private static String objection(String grounds) {
    return RestTripDriver.write(Map.of("grounds", grounds));
  }

  /** The trip as the board shows it; fails when it is not there. */
  private static JsonNode shownOn(JsonNode board, ProcessInstance trip) {
    for (JsonNode one : board.get("trips")) {
      if (one.get("processInstanceId").asText().equals(trip.getId())) {
        return one;
      }
    }
    throw new AssertionError(trip.getId() + " is not on the board " + board);
  }

  private long openObjections(ProcessInstance trip) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(trip.getId())
        .taskDefinitionKey(TripProcess.DECIDE_OBJECTION)
        .count();
  }

  @Test
  void theBoardIsTheUnitsAndTheOfficesAndAnObjectionComesOnlyFromTheUnit() {
    ProcessInstance trip = disclosedTrip();
    String objections = "/api/disclosure/commerce/trips/" + trip.getId() + "/objections";

    // nobody logged in: 401, for the list, a board and an objection
    assertThat(anonymous.get("/api/disclosure").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/api/disclosure/commerce").statusCode()).isEqualTo(401);
    assertThat(anonymous.post(objections, objection("匿名")).statusCode()).isEqualTo(401);

    // another unit's member: refused at the edge, the board and the objection alike
    RestClient education = anonymous.as("sun.li");
    HttpResponse<String> otherBoard = education.get("/api/disclosure/commerce");
    assertThat(otherBoard.statusCode()).isEqualTo(403);
    assertThat(otherBoard.body()).doesNotContain(trip.getId());
    assertThat(education.post(objections, objection("另一单位")).statusCode()).isEqualTo(403);
    // ... and through their own unit's board the trip is not there to object to
    HttpResponse<String> throughOwnBoard =
        education.post(
            "/api/disclosure/education/trips/" + trip.getId() + "/objections", objection("借道"));
    assertThat(throughOwnBoard.statusCode()).isEqualTo(404);
    assertThat(read(expect(education.get("/api/disclosure/education"), 200)).toString())
        .doesNotContain(trip.getId());
    assertThat(read(expect(education.get("/api/disclosure"), 200)).findValuesAsText("unit"))
        .containsExactly("education");
    // a role group is no unit with a board
    assertThat(anonymous.as("zhang.wei").get("/api/disclosure/applicants").statusCode())
        .isIn(403, 404);
    // the office reads every board but objects to none
    RestClient office = anonymous.as("wang.fang");
    assertThat(read(expect(office.get("/api/disclosure/commerce"), 200)).toString())
        .contains(trip.getId());
    assertThat(office.post(objections, objection("外办")).statusCode()).isEqualTo(403);
    assertThat(office.send(office.request("/api/disclosure/commerce").DELETE()).statusCode())
        .isEqualTo(403);
    assertThat(openObjections(trip)).as("none of these raised an objection").isZero();

    // the unit's members read the board: the trip with its delegation, tasks, invitation, funding
    RestClient member = anonymous.as("zhang.wei");
    JsonNode board = read(expect(member.get("/api/disclosure/commerce"), 200));
    assertThat(board.get("unitName").asText()).contains("省商务厅");
    JsonNode shown = shownOn(board, trip);
    assertThat(shown.get("phaseLabel").asText()).isEqualTo("行前公示 Pre-trip disclosure");
    assertThat(shown.get("members").findValuesAsText("post")).isNotEmpty();
    assertThat(shown.get("invitingBody").asText()).isNotBlank();
    assertThat(shown.get("budget").findValuesAsText("fundingSource")).isNotEmpty();
    assertThat(shown.get("windowEnd").isNull()).isFalse();
    assertThat(shown.get("objectable").asBoolean()).isTrue();
    assertThat(shown.get("objectionOpen").asBoolean()).isFalse();

    // a refused objection says why beside its field and raises nothing
    HttpResponse<String> noGrounds = member.post(objections, objection("  "));
    assertThat(noGrounds.statusCode()).isEqualTo(400);
    assertThat(read(noGrounds).get("parameter").asText()).isEqualTo("grounds");
    assertThat(member.post(objections, "{\"grounds\":42}").statusCode()).isEqualTo(400);
    assertThat(openObjections(trip)).isZero();

    expect(
        anonymous.as("li.na").post(objections, objection("日程中有两天没有公务活动 two days have no work")),
        204);

    assertThat(openObjections(trip)).isEqualTo(1);
    HttpResponse<String> seen = expect(member.get("/api/disclosure/commerce"), 200);
    assertThat(shownOn(read(seen), trip).get("objectionOpen").asBoolean()).isTrue();
    assertThat(seen.body()).as("the board never names the objector").doesNotContain("li.na", "李娜");
    assertThat(
            expect(member.get("/engine-rest/process-instance/" + trip.getId() + "/variables"), 200)
                .body())
        .as("nor does the applicant's own read of the trip")
        .doesNotContain("li.na", "objector");
    assertThat(
            jdbc.queryForObject(
                "SELECT actor FROM audit_trail WHERE process_instance_id = ? AND event = 'objection.raised'",
                String.class,
                trip.getId()))
        .as("the trail names the objector, for the auditors")
        .isEqualTo("li.na");

    // the office dismisses it in Tasklist's way (submit-form): the window goes on
    String task = rest.taskOrNull(trip.getId(), TripProcess.DECIDE_OBJECTION);
    rest.decide("wang.fang", task, "dismiss", "两天为往返途中 both are travel days");
    assertThat(openObjections(trip)).isZero();
    assertThat(driver.isWaitingAt(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED)).isTrue();
  }

  @Test
  void theResultsAreOnTheBoardAfterReturnAndMayBeObjectedTo() {
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    driver.fileReport(trip, TripDriver.reportFor(request));
    driver.decide(TripDriver.VERIFIER, trip, TripProcess.VERIFY_TRIP_REPORT, "accept", "");

    JsonNode board = read(expect(anonymous.as("li.na").get("/api/disclosure/commerce"), 200));
    JsonNode shown = shownOn(board, trip);
    assertThat(shown.get("phaseLabel").asText()).isEqualTo("回国公示 Results disclosed");
    assertThat(shown.get("results").findValuesAsText("result")).isNotEmpty();
    assertThat(shown.get("objectable").asBoolean()).isTrue();
    assertThat(
            anonymous
                .as("sun.li")
                .post(
                    "/api/disclosure/commerce/trips/" + trip.getId() + "/objections",
                    objection("另一单位"))
                .statusCode())
        .isEqualTo(403);
    expect(
        anonymous
            .as("li.na")
            .post(
                "/api/disclosure/commerce/trips/" + trip.getId() + "/objections",
                objection("成果与实际不符 the results do not match")),
        204);
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(trip.getId())
                .taskDefinitionKey(TripProcess.DECIDE_POST_TRIP_OBJECTION)
                .count())
        .isEqualTo(1);
  }

  @Test
  void theOfficeSeesWhoObjectedAndWhyInTasklistAndDismissesIt() throws Exception {
    browser = browser != null ? browser : Browser.start();
    browser.forgetEverything(site(""));
    ProcessInstance trip = disclosedTrip();
    expect(
        anonymous
            .as("li.na")
            .post(
                "/api/disclosure/commerce/trips/" + trip.getId() + "/objections",
                objection("翻译人员并非本单位职工 the interpreter is not on the staff")),
        204);
    String task = rest.taskOrNull(trip.getId(), TripProcess.DECIDE_OBJECTION);

    browser.open(site("/camunda/app/tasklist/default/"));
    browser.visible(By.cssSelector("input[ng-model='username']")).sendKeys("wang.fang");
    browser.visible(By.cssSelector("input[ng-model='password']")).sendKeys(RestClient.PASSWORD);
    browser.click(By.cssSelector("button[type='submit']"));
    browser.visible(By.cssSelector(".start-process-action a"));
    assertThat(browser.visible(By.id("disclosureBoardLink")).getAttribute("href"))
        .as("Tasklist's header links to the board")
        .endsWith("/disclosure/");
    browser.open(site("/camunda/app/tasklist/default/#/?task=" + task));
    browser.click(By.cssSelector("[ng-click='claim()']"));
    browser.waitUntilTextContains(By.id("objectionGrounds"), "the interpreter is not on the staff");
    browser.waitUntilTextContains(By.id("objectorName"), "李娜");
    browser.click(By.id("decisionDismiss"));
    browser.type("decisionReason", "该翻译为借调人员 seconded to the unit");
    browser.screenshot("decide-objection-filled");
    browser.click(By.cssSelector("button[ng-click='complete()']"));
    await().atMost(Duration.ofSeconds(30)).until(() -> openObjections(trip) == 0);
    assertThat(driver.isWaitingAt(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED)).isTrue();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(trip.getId())
                .variableName("decisions")
                .singleResult()
                .getValue()
                .toString())
        .contains("\"decision\":\"dismiss\"", "\"decidedBy\":\"wang.fang\"");
  }

  @Test
  void aMemberSeesTheBoardInChineseAndAnotherUnitsMemberIsRefused() throws Exception {
    browser = browser != null ? browser : Browser.start();
    browser.forgetEverything(site(""));
    ProcessInstance trip = disclosedTrip();
    String number = trip.getBusinessKey();

    browser.open(site("/disclosure/"));
    browser.waitForUrlStartingWith(site("/disclosure/login.html?next="));
    browser.type("username", "zhang.wei");
    browser.type("password", RestClient.PASSWORD);
    browser.click(By.id("loginButton"));
    browser.waitForUrl(site("/disclosure/"));
    browser.waitUntilTextContains(By.id("board"), number);
    WebElement card =
        browser.visible(By.cssSelector("article.trip[data-trip='" + trip.getId() + "']"));
    assertThat(card.getText())
        .contains("行前公示 Pre-trip disclosure", "团组 Delegation", "邀请单位 Inviting body", "经费来源和预算")
        .contains("公示期 Window")
        .doesNotContain("commerce", "zhang.wei");
    assertThat(browser.visible(By.id("boardTitle")).getText()).startsWith("省商务厅");

    // an objection from the board: refused beside its field without grounds, then raised
    browser.click(By.cssSelector("article.trip[data-trip='" + trip.getId() + "'] button.object"));
    browser.click(
        By.cssSelector("article.trip[data-trip='" + trip.getId() + "'] button.send-objection"));
    browser.waitUntilTextContains(By.id("grounds-error-" + trip.getId()), "请说明异议的理由");
    browser.type("grounds-" + trip.getId(), "预算中的住宿费超出标准 lodging is above the standard");
    browser.click(
        By.cssSelector("article.trip[data-trip='" + trip.getId() + "'] button.send-objection"));
    browser.waitUntilTextContains(By.id("notice"), "异议已提交");
    browser.waitUntilTextContains(By.id("board"), "异议处理中 Objection under review");
    assertThat(openObjections(trip)).isEqualTo(1);

    browser.phoneSized();
    browser.open(site("/disclosure/"));
    browser.waitUntilTextContains(By.id("board"), number);
    assertThat(browser.pageWidth()).as("the board on a phone").isLessThanOrEqualTo(390);
    Path shot = browser.screenshotOfThePage("disclosure-board-phone");
    assertThat(Files.size(shot)).isPositive();
    browser.desktopSized();

    // another unit's member asks for this unit's board: refused, in both languages, nothing shown
    browser.forgetEverything(site(""));
    browser.open(site("/disclosure/?unit=commerce"));
    browser.waitForUrlStartingWith(site("/disclosure/login.html?next="));
    browser.type("username", "sun.li");
    browser.type("password", RestClient.PASSWORD);
    browser.click(By.id("loginButton"));
    browser.waitForUrlStartingWith(site("/disclosure/"));
    browser.waitUntilTextContains(By.id("login"), "公示栏只对本单位人员和外办开放");
    assertThat(browser.visible(By.id("login")).getText())
        .contains("A unit's disclosure board is for its members and the foreign affairs office");
    assertThat(browser.driver().findElement(By.id("board")).getText()).doesNotContain(number);
    browser.screenshotOfThePage("disclosure-board-refused");
  }
}
