package org.tripapproval.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
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

/**
 * Hardening on PostgreSQL, each attack tried as a demo user would: editing one's own profile,
 * locking a reviewer out with wrong passwords, smuggling an object of an arbitrary class into a
 * trip, riding a browser's login from another site.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class HardeningIT {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabase("hardening");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;
  @Autowired AccessSetup access;

  RestClient anonymous;
  RestTripDriver driver;

  @BeforeEach
  void setUp() {
    anonymous = new RestClient("http://localhost:" + port, null);
    driver = new RestTripDriver(() -> "http://localhost:" + port);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
    // the lock-out test must not leave li.na locked for the others, whatever it found
    engine.getIdentityService().unlockUser("li.na");
  }

  @Test
  void aReviewerCannotChangeHerOwnEmailNotOverRestNorThroughTheEngine() {
    IdentityService identity = engine.getIdentityService();
    String profile =
        "{\"id\":\"li.na\",\"firstName\":\"李娜\",\"lastName\":\"(unit head)\",\"email\":\"zhang.wei@trips.example\"}";

    HttpResponse<String> overRest =
        anonymous.as("li.na").put("/engine-rest/user/li.na/profile", profile);
    assertThat(overRest.statusCode())
        .as("li.na edits her own profile: " + overRest.body())
        .isEqualTo(403);

    identity.setAuthentication(
        "li.na", List.of(RoleGroups.UNIT_HEADS, RoleGroups.unitHeads("commerce"), "commerce"));
    User herself = identity.createUserQuery().userId("li.na").singleResult();
    herself.setEmail("zhang.wei@trips.example");
    assertThatThrownBy(() -> identity.saveUser(herself))
        .as("the engine refuses too")
        .isInstanceOf(AuthorizationException.class);
    identity.clearAuthentication();
    assertThat(identity.createUserQuery().userId("li.na").singleResult().getEmail())
        .isEqualTo("li.na@trips.example");

    // administrators keep the directory
    expect(
        anonymous
            .as("admin")
            .put(
                "/engine-rest/user/li.na/profile",
                profile.replace("zhang.wei@", "li.na.commerce@")),
        204);
    assertThat(identity.createUserQuery().userId("li.na").singleResult().getEmail())
        .isEqualTo("li.na.commerce@trips.example");
  }

  @Test
  void aSelfGrantFromAnOlderDatabaseIsCutToReadOnStart() {
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization old = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    old.setUserId("sun.li");
    old.setResource(Resources.USER);
    old.setResourceId("sun.li");
    old.addPermission(Permissions.ALL);
    String current = selfGrant("sun.li");
    if (current != null) {
      authorizations.deleteAuthorization(current);
    }
    authorizations.saveAuthorization(old);

    access.setUp();

    List<Authorization> left =
        authorizations
            .createAuthorizationQuery()
            .userIdIn("sun.li")
            .resourceType(Resources.USER)
            .resourceId("sun.li")
            .list();
    assertThat(left).hasSize(1);
    assertThat(left.get(0).isPermissionGranted(Permissions.READ)).isTrue();
    assertThat(left.get(0).isPermissionGranted(Permissions.UPDATE))
        .as("no longer her own editor")
        .isFalse();
    assertThat(
            engine
                .getAuthorizationService()
                .isUserAuthorized(
                    "sun.li",
                    List.of(RoleGroups.APPLICANTS, "education"),
                    Permissions.UPDATE,
                    Resources.USER,
                    "sun.li"))
        .isFalse();
  }

  @Test
  void fifteenWrongPasswordsFromOutsideDoNotLockAReviewerOut() {
    IdentityService identity = engine.getIdentityService();
    // every wrong password counts: each comes after the previous delay has run out
    Date now = new Date();
    for (int attempt = 0; attempt < 15; attempt++) {
      now = new Date(now.getTime() + Duration.ofHours(1).toMillis());
      ClockUtil.setCurrentTime(now);
      assertThat(identity.checkPassword("li.na", "guessed-" + attempt)).isFalse();
    }
    ClockUtil.setCurrentTime(new Date(now.getTime() + Duration.ofHours(1).toMillis()));
    assertThat(identity.checkPassword("li.na", RestClient.PASSWORD))
        .as("li.na logs in after 15 wrong passwords")
        .isTrue();
    ClockUtil.reset();

    // in real time: a burst of wrong passwords delays her by seconds at most, then she is in
    for (int attempt = 0; attempt < 15; attempt++) {
      assertThat(identity.checkPassword("li.na", "burst-" + attempt)).isFalse();
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> identity.checkPassword("li.na", RestClient.PASSWORD));
  }

  @Test
  void anObjectVariableOfAClassOutsideTheAllowlistIsRefusedWhenRead() {
    // not on a trip, whose variables the engine guards besides (TripVariableGuard): on a process of
    // no one's
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("deserialization-check")
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .userTask()
            .endEvent()
            .done();
    String deployment =
        engine
            .getRepositoryService()
            .createDeployment()
            .addModelInstance("deserialization-check.bpmn", model)
            .deploy()
            .getId();
    try {
      String instance =
          engine.getRuntimeService().startProcessInstanceByKey("deserialization-check").getId();
      engine
          .getRuntimeService()
          .setVariable(
              instance,
              "smuggled",
              Variables.serializedObjectValue("42")
                  .serializationDataFormat(Variables.SerializationDataFormats.JSON)
                  .objectTypeName("java.util.concurrent.atomic.AtomicLong")
                  .create());

      assertThatThrownBy(() -> engine.getRuntimeService().getVariable(instance, "smuggled"))
          .as("an AtomicLong is not on the allowlist")
          .isInstanceOf(ProcessEngineException.class);
      // what the engine's own lists hold still reads
      engine
          .getRuntimeService()
          .setVariable(instance, "levels", new ArrayList<>(List.of("unitHead")));
      assertThat(engine.getRuntimeService().getVariable(instance, "levels"))
          .isEqualTo(List.of("unitHead"));
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  @Test
  void apiMailAndTheEngineRestApiNeverChallengeABrowserForBasicCredentials() {
    for (String path :
        List.of("/api/audit/trips", "/mail", "/api/substitutes", "/engine-rest/task/count")) {
      HttpResponse<String> none = anonymous.get(path);
      assertThat(none.statusCode()).as(path).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .as(path + " without credentials")
          .isEmpty();
      HttpResponse<String> wrong =
          anonymous.send(
              anonymous
                  .request(path)
                  .header(
                      "Authorization",
                      "Basic " + Base64.getEncoder().encodeToString("li.na:wrong".getBytes())));
      assertThat(wrong.statusCode()).as(path).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate"))
          .as(path + " with a wrong password")
          .isEmpty();
    }
    // scripts send Basic credentials without being asked
    assertThat(anonymous.as("zhao.lei").get("/api/audit/trips").statusCode()).isEqualTo(200);
  }

  @Test
  void aStateChangingCallRidingTheWebappLoginNeedsTheHeaderACrossSiteFormCannotSend() {
    String session = webappLogin("li.na");
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String substitute =
        "{\"substitute\":\"zhou.qiang\",\"from\":\""
            + today
            + "\",\"until\":\""
            + today.plusDays(3)
            + "\"}";

    HttpResponse<String> forgedCheck =
        anonymous.send(
            anonymous
                .request("/api/rules/check")
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RestTripDriver.write(aTrip().build()))));
    assertThat(forgedCheck.statusCode())
        .as("a draft check with the session and no header: " + forgedCheck.body())
        .isEqualTo(403);
    HttpResponse<String> forgedSubstitute =
        anonymous.send(
            anonymous
                .request("/api/substitutes")
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(substitute)));
    assertThat(forgedSubstitute.statusCode())
        .as("naming a substitute with the session and no header: " + forgedSubstitute.body())
        .isEqualTo(403);
    assertThat(forgedSubstitute.body()).contains("X-Requested-With");
    assertThat(anonymous.as("li.na").get("/api/substitutes").body())
        .as("nothing stored")
        .isEqualTo("[]");
    assertThat(refusalsInTheTrail("li.na", "/api/substitutes"))
        .as("the forged call is in the trail")
        .isEqualTo(1);

    // the forms' own call sends the header, and reads need none
    HttpResponse<String> formCheck =
        anonymous.send(
            anonymous
                .request("/api/rules/check")
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/json")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(RestTripDriver.write(aTrip().build()))));
    assertThat(formCheck.statusCode()).as(formCheck.body()).isEqualTo(200);
    HttpResponse<String> read =
        anonymous.send(
            anonymous.request("/api/substitutes").header("Cookie", "JSESSIONID=" + session));
    assertThat(read.statusCode())
        .as(
            "a read with the session after the check "
                + formCheck.headers().map()
                + " / "
                + read.headers().map()
                + " "
                + read.body())
        .isEqualTo(200);
    // scripts with HTTP Basic need no header
    assertThat(anonymous.as("li.na").post("/api/substitutes", substitute).statusCode())
        .isEqualTo(201);
  }

  @Test
  void theAuditorsLoginPageGetsTheSessionsCsrfTokenOnlyWithTheHeaderOfOurPages() {
    String token = "/api/webapp-login/csrf-token";
    HttpResponse<String> noSession =
        anonymous.send(anonymous.request(token).header("X-Requested-With", "XMLHttpRequest"));
    assertThat(noSession.body()).isEqualTo("{\"token\":null}");
    assertThat(noSession.headers().allValues("Set-Cookie")).as("no session started").isEmpty();

    // a session that has its token already (Tasklist opened): Camunda sends it only in a cookie
    // for the pages under /camunda
    HttpResponse<String> tasklist = anonymous.get("/camunda/app/tasklist/default/");
    String session = cookie(tasklist, "JSESSIONID");
    String xsrf = cookie(tasklist, "XSRF-TOKEN");
    HttpResponse<String> crossSite =
        anonymous.send(anonymous.request(token).header("Cookie", "JSESSIONID=" + session));
    assertThat(crossSite.statusCode()).as(crossSite.body()).isEqualTo(403);
    assertThat(crossSite.body()).contains("X-Requested-With").doesNotContain(xsrf);
    HttpResponse<String> ours =
        anonymous.send(
            anonymous
                .request(token)
                .header("Cookie", "JSESSIONID=" + session)
                .header("X-Requested-With", "XMLHttpRequest"));
    assertThat(ours.body()).isEqualTo("{\"token\":\"" + xsrf + "\"}");
    // with it, the webapps' login lets the page log in
    HttpResponse<String> login =
        anonymous.send(
            anonymous
                .request("/camunda/api/admin/auth/user/default/login/welcome")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrf)
                .header("Cookie", "JSESSIONID=" + session)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=zhao.lei&password=" + RestClient.PASSWORD)));
    expect(login, 200);
    String auditor = cookie(login, "JSESSIONID");
    assertThat(
            anonymous
                .send(
                    anonymous
                        .request("/api/audit/statistics/years")
                        .header("Cookie", "JSESSIONID=" + auditor))
                .statusCode())
        .isEqualTo(200);

    // a logged-in user asked without the header: refused, and in the trail
    HttpResponse<String> loggedIn =
        anonymous.send(anonymous.request(token).header("Cookie", "JSESSIONID=" + auditor));
    assertThat(loggedIn.statusCode()).isEqualTo(403);
    assertThat(refusalsInTheTrail("zhao.lei", token)).isEqualTo(1);
  }

  @Test
  void aCallTheRoleMayNotMakeOnTheProjectsOwnApiIsRefusedInBothLanguagesAndInTheTrail() {
    HttpResponse<String> refused = anonymous.as("zhang.wei").get("/api/notifications");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("此操作不允许", "this operation is not allowed");
    assertThat(refusalsInTheTrail("zhang.wei", "/api/notifications")).isEqualTo(1);
  }

  private int refusalsInTheTrail(String user, String path) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM audit_trail WHERE event = 'access.refused' AND actor = ?"
            + " AND details LIKE ?",
        Integer.class,
        user,
        "%\"path\":\"" + path + "\"%");
  }

  /** Logs in to Tasklist as a browser does and returns the session cookie. */
  private String webappLogin(String user) {
    return WebappSession.logIn(anonymous, user).session();
  }

  private static String cookie(HttpResponse<String> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1).split(";")[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + response.headers()));
  }

  private String selfGrant(String user) {
    Authorization existing =
        engine
            .getAuthorizationService()
            .createAuthorizationQuery()
            .userIdIn(user)
            .resourceType(Resources.USER)
            .resourceId(user)
            .singleResult();
    return existing == null ? null : existing.getId();
  }
}
