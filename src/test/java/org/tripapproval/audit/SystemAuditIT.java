package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
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
import org.tripapproval.support.TestPostgres;

/**
 * The system audits itself on PostgreSQL: an administrator's changes to users, groups, memberships,
 * authorizations and deployments, made through /engine-rest or the Java API, are trail entries
 * without a trip, which the auditors list; passwords never appear.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class SystemAuditIT {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final String NEW_PASSWORD = "Secret-Pass-2026!";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabase("system_audit_" + DATABASES.incrementAndGet());
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper mapper;
  @Autowired Clock clock;

  @Test
  void anAdministratorsChangesThroughTheEngineRestApiAreTrailEntriesWithoutATrip()
      throws Exception {
    RestClient admin = new RestClient("http://localhost:" + port, "admin");
    long before = lastId();

    assertThat(
            admin
                .post(
                    "/engine-rest/user/create",
                    """
        {"profile": {"id": "qian.yu", "firstName": "丽", "lastName": "孙", "email": "qian.yu@trips.example"},
         "credentials": {"password": "%s"}}"""
                        .formatted(NEW_PASSWORD))
                .statusCode())
        .isEqualTo(204);
    assertThat(
            admin
                .post(
                    "/engine-rest/group/create",
                    """
        {"id": "inspection", "name": "巡视组 Inspection", "type": "WORKFLOW"}""")
                .statusCode())
        .isEqualTo(204);
    assertThat(admin.put("/engine-rest/group/inspection/members/qian.yu", "").statusCode())
        .isEqualTo(204);
    HttpResponse<String> grant =
        admin.post(
            "/engine-rest/authorization/create",
            """
        {"type": 1, "permissions": ["READ"], "userId": "qian.yu", "groupId": null,
         "resourceType": 8, "resourceId": "overseas-trip"}""");
    assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
    HttpResponse<String> deployed = deploy(admin);
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    String deploymentId = mapper.readTree(deployed.body()).get("id").asText();

    List<JsonNode> entries = systemEntriesAfter(before);

    assertThat(entries)
        .extracting(e -> e.get("event").asText())
        .contains(
            "system.user.create",
            "system.group.create",
            "system.membership.create",
            "system.authorization.create",
            "system.deployment.create");
    assertThat(entries).allSatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("admin"));
    assertThat(entry(entries, "system.user.create").get("entityId").asText()).isEqualTo("qian.yu");
    assertThat(entry(entries, "system.membership.create").get("entityId").asText())
        .isEqualTo("qian.yu@inspection");
    assertThat(entry(entries, "system.deployment.create").get("entityId").asText())
        .isEqualTo(deploymentId);
    assertThat(entry(entries, "system.authorization.create").toString())
        .contains("overseas-trip", "qian.yu", "READ");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_trail WHERE details LIKE ?",
                Integer.class,
                "%" + NEW_PASSWORD + "%"))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_trail WHERE id > ? AND event LIKE 'system.%'"
                    + " AND process_instance_id IS NOT NULL",
                Integer.class, before))
        .isZero();

    HttpResponse<String> listed =
        new RestClient("http://localhost:" + port, "zhao.lei").get("/api/audit/system-trail");
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains("system.deployment.create", "qian.yu@inspection");
    RestClient auditor = new RestClient("http://localhost:" + port, "zhao.lei");
    String today = LocalDate.now(clock).toString();
    assertThat(
            auditor
                .get("/api/audit/system-trail?from=" + today + "&to=" + today + "&size=200")
                .body())
        .contains("system.user.create");
    assertThat(
            mapper
                .readTree(auditor.get("/api/audit/system-trail?to=2020-12-31").body())
                .get("entries"))
        .isEmpty();
    HttpResponse<String> badDate = auditor.get("/api/audit/system-trail?from=2026-13-01");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).contains("\"parameter\":\"from\"", "YYYY-MM-DD");
    assertThat(auditor.get("/api/audit/system-trail?from=2026-02-01&to=2026-01-01").statusCode())
        .isEqualTo(400);
    assertThat(auditor.get("/api/audit/system-trail?size=201").statusCode()).isEqualTo(400);
    assertThat(auditor.get("/api/audit/system-trail?event=x").body()).contains("unknown parameter");
    assertThat(
            new RestClient("http://localhost:" + port, "admin")
                .get("/api/audit/system-trail")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            new RestClient("http://localhost:" + port, "zhao.lei")
                .get("/api/audit/trail/verification")
                .body())
        .contains("\"intact\":true");
  }

  @Test
  void changesThroughTheJavaApiWithoutALoggedInUserAreTrailEntriesOfTheSystem() throws Exception {
    long before = lastId();
    User user = engine.getIdentityService().newUser("zhou.min");
    user.setPassword(NEW_PASSWORD);
    engine.getIdentityService().saveUser(user);
    engine.getIdentityService().createMembership("zhou.min", "auditors");
    engine.getIdentityService().deleteMembership("zhou.min", "auditors");
    engine.getIdentityService().deleteUser("zhou.min");

    List<JsonNode> entries = systemEntriesAfter(before);

    assertThat(entries)
        .extracting(e -> e.get("event").asText())
        .containsExactly(
            "system.user.create",
            "system.membership.create",
            "system.membership.delete",
            "system.user.delete");
    assertThat(entries).allSatisfy(e -> assertThat(e.get("actor").isNull()).isTrue());
    assertThat(entry(entries, "system.membership.delete").get("entityId").asText())
        .isEqualTo("zhou.min@auditors");
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_trail WHERE details LIKE ?",
                Integer.class,
                "%" + NEW_PASSWORD + "%"))
        .isZero();
  }

  private HttpResponse<String> deploy(RestClient admin) {
    String boundary = "trips-boundary-7f3a";
    String bpmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="https://trips.example/test">
          <process id="audit-probe" isExecutable="true" camunda:historyTimeToLive="30">
            <startEvent id="probeStarted"/>
          </process>
        </definitions>""";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\naudit-probe\r\n"
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"audit-probe.bpmn\"; filename=\"audit-probe.bpmn\"\r\n"
            + "Content-Type: application/xml\r\n\r\n"
            + bpmn
            + "\r\n--"
            + boundary
            + "--\r\n";
    return admin.send(
        admin
            .request("/engine-rest/deployment/create")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  private long lastId() {
    return jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM audit_trail", Long.class);
  }

  /**
   * The entries after the given row that have no trip, oldest first, their details read as JSON.
   */
  private List<JsonNode> systemEntriesAfter(long id) throws Exception {
    List<JsonNode> entries = new ArrayList<>();
    for (Map<String, Object> row :
        jdbc.queryForList(
            "SELECT event, actor, details FROM audit_trail"
                + " WHERE id > ? AND process_instance_id IS NULL ORDER BY id",
            id)) {
      JsonNode details = mapper.readTree((String) row.get("details"));
      entries.add(
          mapper
              .createObjectNode()
              .put("event", (String) row.get("event"))
              .put("actor", (String) row.get("actor"))
              .setAll((ObjectNode) details));
    }
    return entries;
  }

  private static JsonNode entry(List<JsonNode> entries, String event) {
    return entries.stream()
        .filter(e -> e.get("event").asText().equals(event))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + event + " in " + entries));
  }
}
