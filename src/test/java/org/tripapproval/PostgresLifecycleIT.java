package org.tripapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.tripapproval.support.TripRequestBuilder.aTrip;
import static org.tripapproval.trip.TripProcess.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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

  @BeforeAll
  static void createDatabase() {
    databaseUrl = TestPostgres.newDatabase("lifecycle");
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

      org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(trip).isEnded().hasPassed(TRIP_CLOSED);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
      assertThat(jdbc.queryForObject("SELECT count(*) FROM approval_number WHERE process_instance_id = ?",
          Integer.class, processInstanceId)).isEqualTo(1);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(1);

      assertThat(jdbc.queryForObject("SELECT status FROM trip_registry WHERE process_instance_id = ?", String.class,
          processInstanceId)).isEqualTo("CLOSED");
      AuditTrail trail = app.getBean(AuditTrail.class);
      assertThat(trail.verify().intact()).isTrue();
      long changed = jdbc.queryForObject("SELECT MIN(id) + 3 FROM audit_trail WHERE process_instance_id = ?",
          Long.class, processInstanceId);
      String original = jdbc.queryForObject("SELECT details FROM audit_trail WHERE id = ?", String.class, changed);
      jdbc.update("UPDATE audit_trail SET details = '{\"decision\":\"approve\"}' WHERE id = ?", changed);
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
    }

    try (ConfigurableApplicationContext app = startApplication()) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(1);
      assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY)
          .latestVersion().singleResult().getVersion()).isEqualTo(1);
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
          .singleResult().getEndActivityId()).isEqualTo(TRIP_CLOSED);
      assertThat(engine.getIdentityService().createUserQuery().userId("zhang.wei").count()).isEqualTo(1);
    }
  }

  /** Command-line arguments, as an operator would pass them: they outrank application-postgres.yaml. */
  private static ConfigurableApplicationContext startApplication() {
    return new SpringApplicationBuilder(TripApprovalApplication.class)
        .profiles("postgres")
        .run("--DB_URL=" + databaseUrl,
            "--DB_USER=postgres",
            "--DB_PASSWORD=postgres",
            "--ADMIN_PASSWORD=Strong-Pass-2026!",
            "--trips.demo-data=true",
            "--camunda.bpm.job-execution.enabled=false",
            "--trips.mail.delivery-interval=PT1H",
            "--server.port=0");
  }
}
