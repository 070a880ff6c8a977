package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.notification.Outbox;
import org.tripapproval.notification.OutboxDelivery;
import org.tripapproval.support.Browser;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.Member;
import org.tripapproval.trip.TripRequest.Rank;

/**
 * A passport's whole custody on PostgreSQL (ADR 0021): registered, released by approval number, out
 * past its day (its holder's next trip is blocked, a namesake's is not), handed back; the office
 * alone keeps it; and the office's page in a real browser set to zh-CN, on a phone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class PassportCustodyIT {

  static GreenMail smtp;
  static int smtpPort;

  @BeforeAll
  static void startSmtp() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      smtpPort = socket.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> smtpPort);
    String url = TestPostgres.newDatabase("passports");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  static Browser browser;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired JdbcTemplate jdbc;
  @Autowired OutboxDelivery delivery;
  @Autowired Outbox outbox;

  RestClient anonymous;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    anonymous = new RestClient("http://localhost:" + port, null);
    driver = new TripDriver(engine, mapper);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private ProcessInstance travelledWith(Member member, LocalDate departure) {
    TripRequest request = aTrip().members(List.of(member)).departingOn(departure).build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    return trip;
  }

  private String approvalNumberOf(ProcessInstance trip) {
    return jdbc.queryForObject(
        "SELECT approval_number FROM trip_registry WHERE process_instance_id = ?",
        String.class,
        trip.getId());
  }

  private JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return mapper.readTree(response.body());
  }

  @Test
  void aPassportsWholeCustodyOverTheApiAndOnlyTheOfficeKeepsIt() throws Exception {
    RestClient office = anonymous.as("wang.fang");
    json(
        office.put(
            "/api/passports/se0112777",
            "{\"personId\":\"SW0112\",\"kind\":\"service\",\"expiry\":\"2036-01-31\"}"),
        200);
    assertThat(
            office
                .put(
                    "/api/passports/X",
                    "{\"personId\":\"SW0112\",\"kind\":\"service\",\"expiry\":\"2036-01-31\"}")
                .statusCode())
        .isEqualTo(400);
    LocalDate departure = LocalDate.now().plusDays(40);
    ProcessInstance trip =
        travelledWith(new Member("王伟", "x", Rank.staff, null, null, "SW0112"), departure);
    String number = approvalNumberOf(trip);

    JsonNode found =
        json(
            office.get(
                "/api/passports/trips?approvalNumber="
                    + URLEncoder.encode(number, StandardCharsets.UTF_8)),
            200);
    assertThat(found.at("/members/0/personId").asText()).isEqualTo("SW0112");
    assertThat(found.at("/members/0/passports/0/number").asText()).isEqualTo("SE0112777");
    String release = "/api/passports/custody/" + trip.getId() + "/SW0112/release";
    String body = "{\"passportNumber\":\"SE0112777\",\"receivedBy\":\"王伟本人\"}";
    for (String other : List.of("zhang.wei", "li.na", "zhao.lei")) {
      assertThat(anonymous.as(other).post(release, body).statusCode()).as(other).isEqualTo(403);
    }
    assertThat(anonymous.as("zhang.wei").get("/api/passports/out").statusCode()).isEqualTo(403);
    // every endpoint: nobody logged in is 401; applicants and unit heads 403; the auditors read
    // only
    String registration =
        "{\"personId\":\"SW0112\",\"kind\":\"service\",\"expiry\":\"2040-01-31\"}";
    String handBack = "/api/passports/custody/" + trip.getId() + "/SW0112/return";
    String lookUp =
        "/api/passports/trips?approvalNumber=" + URLEncoder.encode(number, StandardCharsets.UTF_8);
    assertThat(anonymous.get("/api/passports/out").statusCode()).isEqualTo(401);
    assertThat(anonymous.get(lookUp).statusCode()).isEqualTo(401);
    assertThat(anonymous.put("/api/passports/SE0112999", registration).statusCode()).isEqualTo(401);
    for (String other : List.of("zhang.wei", "li.na")) {
      assertThat(anonymous.as(other).get(lookUp).statusCode()).as(other).isEqualTo(403);
      assertThat(anonymous.as(other).get("/api/passports?person=SW0112").statusCode())
          .as(other)
          .isEqualTo(403);
    }
    for (String other : List.of("zhang.wei", "li.na", "zhao.lei")) {
      assertThat(anonymous.as(other).put("/api/passports/SE0112999", registration).statusCode())
          .as(other + " registers")
          .isEqualTo(403);
      assertThat(anonymous.as(other).post(handBack, "").statusCode())
          .as(other + " takes back")
          .isEqualTo(403);
    }
    assertThat(office.get("/api/passports?person=SW0112").body()).doesNotContain("SE0112999");
    assertThat(anonymous.as("zhao.lei").get(lookUp).statusCode()).isEqualTo(200);
    assertThat(anonymous.as("zhao.lei").get("/api/passports/out").statusCode())
        .as("the auditors read")
        .isEqualTo(200);
    JsonNode out = json(office.post(release, body), 200);
    assertThat(out.get("dueBack").asText()).isEqualTo(found.get("dueBack").asText());
    assertThat(office.post(release, body).statusCode()).isEqualTo(409);

    jdbc.update(
        "UPDATE passport_custody SET due_back = ? WHERE process_instance_id = ?",
        Date.valueOf(LocalDate.now().minusDays(1)),
        trip.getId());
    // its own process: the reminder the day before, then the escalation once the day has passed
    ProcessInstance watch =
        engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey(TripProcess.PASSPORT_CUSTODY_KEY)
            .processInstanceBusinessKey(trip.getId() + "/SW0112")
            .singleResult();
    fire(watch, TripProcess.PASSPORT_DUE_SOON);
    fire(watch, TripProcess.PASSPORT_OVERDUE);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              delivery.deliverDue();
              return outbox.find(Outbox.PENDING, 1).isEmpty();
            });
    List<String> subjects = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      subjects.add(message.getSubject());
    }
    assertThat(subjects)
        .anySatisfy(subject -> assertThat(subject).contains("因公护照即将到期交回"))
        .anySatisfy(
            subject ->
                assertThat(subject).contains("因公护照逾期未交回", "Official passport not handed back"));
    JsonNode late = json(office.get("/api/passports/out"), 200);
    assertThat(late.get(0).get("late").asBoolean()).isTrue();
    assertThat(late.get(0).get("name").asText()).isEqualTo("王伟");
    ProcessInstance blocked =
        driver.submit(
            aTrip()
                .members(List.of(new Member("王伟", "x", Rank.staff, null, null, "SW0112")))
                .departingOn(departure.plusDays(60))
                .build());
    assertThat(driver.isWaitingAt(blocked, TripProcess.REVISE_TRIP_REQUEST)).isTrue();
    ProcessInstance namesake =
        driver.submit(
            aTrip()
                .members(List.of(new Member("王伟", "x", Rank.staff, null, null, "JY0231")))
                .departingOn(departure.plusDays(60))
                .build());
    assertThat(driver.isWaitingAt(namesake, TripProcess.REVIEW_TRIP_REQUEST)).isTrue();

    json(office.post("/api/passports/custody/" + trip.getId() + "/SW0112/return", ""), 200);
    assertThat(json(office.get("/api/passports/out"), 200)).isEmpty();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(watch.getId())
                .singleResult()
                .getEndActivityId())
        .as("the late passport's process ends with its return")
        .isEqualTo("passportBackLate");
    // a passport that expires within six months of the return stops its holder at submission
    json(
        office.put(
            "/api/passports/SE0001001",
            "{\"personId\":\"SW0001\",\"kind\":\"service\",\"expiry\":\""
                + departure.plusDays(60)
                + "\"}"),
        200);
    ProcessInstance expiring =
        driver.submit(
            aTrip()
                .members(List.of(new Member("赵敏", "x", Rank.bureau, null, null, "SW0001")))
                .departingOn(departure.plusDays(5))
                .build());
    assertThat(driver.isWaitingAt(expiring, TripProcess.REVISE_TRIP_REQUEST)).isTrue();
    assertThat(engine.getRuntimeService().getVariable(expiring.getId(), "findings").toString())
        .contains("\"rule\":\"passport\"");
  }

  private void fire(ProcessInstance watch, String timer) {
    Job job =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(watch.getId())
            .activityId(timer)
            .singleResult();
    assertThat(job).as("a timer at " + timer).isNotNull();
    engine.getManagementService().executeJob(job.getId());
  }

  @Test
  void theOfficeReleasesAndTakesBackAPassportOnItsPageOnAPhone() throws Exception {
    browser = browser != null ? browser : Browser.start();
    browser.forgetEverything("http://localhost:" + port);
    ProcessInstance trip =
        travelledWith(
            new Member("陈晓", "x", Rank.staff, null, null, "SW0135"), LocalDate.now().plusDays(45));
    String number = approvalNumberOf(trip);

    browser.phoneSized();
    browser.open("http://localhost:" + port + "/passports/");
    browser.waitForUrlStartingWith("http://localhost:" + port + "/passports/login.html?next=");
    browser.type("username", "wang.fang");
    browser.type("password", RestClient.PASSWORD);
    browser.click(By.id("loginButton"));
    browser.waitForUrl("http://localhost:" + port + "/passports/");

    // register 陈晓's passport, picked from the directory
    browser.type("personSearch", "陈晓");
    browser.waitUntilTextContains(By.id("personResults"), "SW0135");
    browser.click(By.cssSelector("#personResults button"));
    browser.type("passportNumber", "se0135888");
    new Select(browser.visible(By.id("passportKind"))).selectByVisibleText("公务护照 Service passport");
    browser.setValue("passportExpiry", "2036-03-31");
    browser.click(By.id("registerButton"));
    browser.waitUntilTextContains(By.id("notice"), "护照已登记");

    browser.type("approvalNumber", number);
    browser.click(By.id("findTrip"));
    browser.waitUntilTextContains(By.id("trip"), "陈晓 · SW0135");
    browser.click(By.cssSelector("#trip button.release"));
    browser.waitUntilTextContains(By.id("trip"), "已领出 Out: SE0135888");
    browser.waitUntilTextContains(By.id("out"), "SE0135888");
    assertThat(browser.pageWidth()).as("the page on a phone").isLessThanOrEqualTo(390);
    browser.screenshotOfThePage("passports-released-phone");

    browser.click(By.cssSelector("#trip button.hand-back"));
    browser.waitUntilTextContains(By.id("trip"), "已交回 Handed back: SE0135888");
    browser.waitUntilTextContains(By.id("notice"), "护照已交回");
    browser.screenshotOfThePage("passports-handed-back-phone");
    browser.desktopSized();
    assertThat(
            jdbc.queryForObject(
                "SELECT received_by FROM passport_custody WHERE process_instance_id = ?",
                String.class,
                trip.getId()))
        .isEqualTo("陈晓");
  }
}
