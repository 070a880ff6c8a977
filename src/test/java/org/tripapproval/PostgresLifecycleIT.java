package org.tripapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.tripapproval.support.TripRequestBuilder.aTrip;
import static org.tripapproval.trip.TripProcess.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripRequest;

/** The postgres profile on a real PostgreSQL: a trip from submission to closed, then a restart. */
class PostgresLifecycleIT {

  static String databaseUrl;
  static Path checkpoints;

  @BeforeAll
  static void createDatabase() throws IOException {
    databaseUrl = TestPostgres.newDatabase("lifecycle");
    checkpoints = Files.createTempDirectory("lifecycle-audit").resolve("checkpoints.log");
  }

  @Test
  void runsATripToClosedAndARestartWithUnchangedModelsDeploysNothingNew() {
    String processInstanceId;
    try (ConfigurableApplicationContext app = startApplication()) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      init(engine);
      TripDriver driver = new TripDriver(engine, app.getBean(ObjectMapper.class));
      TripRequest request = aTrip().unplanned("外方临时邀请参加部长级会议").build();
      ProcessInstance trip = driver.submit(request);
      processInstanceId = trip.getId();
      driver.approveAndTravel(trip);
      driver.fireTimer(trip, REPORT_REMINDER_DUE);
      driver.fileReport(trip, TripDriver.reportFor(request));
      driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "accept", "");
      driver.fireTimer(trip, POST_TRIP_DISCLOSURE_ENDED);

      BpmnAwareTests.assertThat(trip).isEnded().hasPassed(TRIP_CLOSED);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
      assertThat(
              jdbc.queryForObject(
                  "SELECT count(*) FROM approval_number WHERE process_instance_id = ?",
                  Integer.class,
                  processInstanceId))
          .isEqualTo(1);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(1);

      assertThat(
              jdbc.queryForObject(
                  "SELECT status FROM trip_registry WHERE process_instance_id = ?",
                  String.class,
                  processInstanceId))
          .isEqualTo("CLOSED");
      AuditTrail trail = app.getBean(AuditTrail.class);
      assertThat(trail.verify().intact()).isTrue();
      long changed =
          jdbc.queryForObject(
              "SELECT MIN(id) + 3 FROM audit_trail WHERE process_instance_id = ?",
              Long.class,
              processInstanceId);
      String original =
          jdbc.queryForObject(
              "SELECT details FROM audit_trail WHERE id = ?", String.class, changed);
      jdbc.update(
          "UPDATE audit_trail SET details = '{\"decision\":\"approve\"}' WHERE id = ?", changed);
      AuditTrail.Verification afterUpdate = trail.verify();
      assertThat(afterUpdate.intact()).isFalse();
      assertThat(afterUpdate.firstBrokenRow()).isEqualTo(changed);
      assertThat(afterUpdate.problem()).contains("changed");
      jdbc.update("UPDATE audit_trail SET details = ? WHERE id = ?", original, changed);
      assertThat(trail.verify().intact()).isTrue();
      long last = jdbc.queryForObject("SELECT MAX(id) FROM audit_trail", Long.class);
      jdbc.update("DELETE FROM audit_trail WHERE id = ?", last);
      AuditTrail.Verification afterDelete = trail.verify();
      assertThat(afterDelete.firstBrokenRow()).isEqualTo(last);
      assertThat(afterDelete.problem()).contains("missing");
      // the head moved back as well: only the checkpoint outside the database still knows row
      // `last`
      trail.checkpoint();
      jdbc.update(
          "UPDATE audit_chain_head SET last_id = ?, last_hash = (SELECT hash FROM audit_trail WHERE id = ?)"
              + " WHERE id = 1",
          last - 1,
          last - 1);
      AuditTrail.Verification afterCut = trail.verify();
      assertThat(afterCut.intact()).isFalse();
      assertThat(afterCut.firstBrokenRow()).isEqualTo(last);
      assertThat(afterCut.problem()).startsWith("cut off after checkpoint");
    }

    try (ConfigurableApplicationContext app = startApplication()) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(1);
      assertThat(
              engine
                  .getRepositoryService()
                  .createProcessDefinitionQuery()
                  .processDefinitionKey(KEY)
                  .latestVersion()
                  .singleResult()
                  .getVersion())
          .isEqualTo(1);
      assertThat(
              engine
                  .getHistoryService()
                  .createHistoricProcessInstanceQuery()
                  .processInstanceId(processInstanceId)
                  .singleResult()
                  .getEndActivityId())
          .isEqualTo(TRIP_CLOSED);
      assertThat(engine.getIdentityService().createUserQuery().userId("zhang.wei").count())
          .isEqualTo(1);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(
              jdbc.queryForList(
                  "SELECT actor FROM audit_trail WHERE event = 'system.deployment.create'",
                  String.class))
          .as("the models deployed once, by the system; the restart found them unchanged")
          .containsExactly((String) null);
      assertThat(app.getBean(AuditTrail.class).verify().problem())
          .as("the checkpoints outlive a restart")
          .startsWith("cut off after checkpoint");
    }
  }

  @Test
  void refusesToStartWithoutTheAuditTrailsKey() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(TripApprovalApplication.class)
                    .profiles("postgres")
                    .run(
                        settings(
                            TestPostgres.newDatabase("lifecycle_without_key"),
                            "--TRIPS_AUDIT_KEY="))
                    .close())
        .hasStackTraceContaining("TRIPS_AUDIT_KEY");
  }

  /**
   * Command-line arguments, as an operator would pass them: they outrank application-postgres.yaml.
   */
  private static ConfigurableApplicationContext startApplication() {
    return new SpringApplicationBuilder(TripApprovalApplication.class)
        .profiles("postgres")
        .run(settings(databaseUrl, "--TRIPS_AUDIT_KEY=lifecycle-test-audit-key-0123456789abcdef"));
  }

  private static String[] settings(String url, String auditKey) {
    return new String[] {
      "--DB_URL=" + url,
      "--DB_USER=postgres",
      "--DB_PASSWORD=postgres",
      "--ADMIN_PASSWORD=Strong-Pass-2026!",
      auditKey,
      "--TRIPS_AUDIT_CHECKPOINT_FILE=" + checkpoints,
      "--trips.demo-data=true",
      "--camunda.bpm.job-execution.enabled=false",
      "--trips.mail.delivery-interval=PT1H",
      "--server.port=0"
    };
  }
}
