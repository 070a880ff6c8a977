package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tripapproval.support.TripRequestBuilder.aTrip;
import static org.tripapproval.trip.TripProcess.*;
import static org.tripapproval.trip.TripVariables.WITHDRAWAL_REQUEST_REASON;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripRequest;

/**
 * The approval's invariants, attacked through the engine's Java API as the REST API would call it
 * (logged in as the attacker), so that they hold even where the edge lets a call through.
 */
@SpringBootTest
@ActiveProfiles("test")
class EngineInvariantsTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired AuditTrail trail;
  @Autowired JdbcTemplate jdbc;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    driver = new TripDriver(engine, mapper);
  }

  @Test
  void startInstructionsBeforeTheApprovalNumberIssueNoNumber() {
    long numbers = issuedNumbers();
    long refusals = trailEvents("modification.refused");

    assertThatThrownBy(
            () ->
                driver.as(
                    TripDriver.APPLICANT,
                    () ->
                        engine
                            .getRuntimeService()
                            .createProcessInstanceByKey(KEY)
                            .startBeforeActivity(ISSUE_APPROVAL_NUMBER)
                            .setVariable("trip", driver.json(aTrip().build()))
                            .setVariable("applicant", TripDriver.APPLICANT)
                            .setVariable(
                                "departureDate", aTrip().build().departureDate().toString())
                            .execute()))
        .hasMessageContaining("须由管理员");

    assertThat(issuedNumbers()).isEqualTo(numbers);
    assertThat(trailEvents("modification.refused")).isEqualTo(refusals + 1);
  }

  @Test
  void aTravellingReviewerCannotEndHerReviewWithABpmnError() {
    ProcessInstance trip =
        driver.submit(
            aTrip()
                .members(
                    List.of(
                        new TripRequest.Member("张伟", "副处长", TripRequest.Rank.division),
                        new TripRequest.Member("李娜", "处长", TripRequest.Rank.division)))
                .build());
    Task review = driver.openTask(trip, REVIEW_TRIP_REQUEST);

    assertThatThrownBy(
            () ->
                driver.as(
                    "li.na",
                    () -> {
                      engine
                          .getTaskService()
                          .handleBpmnError(
                              review.getId(),
                              "TripRejected",
                              "approve",
                              Map.of("decision", "approve"));
                      return null;
                    }))
        .hasMessageContaining("BPMN");
    assertThatThrownBy(
            () ->
                driver.as(
                    "li.na",
                    () -> {
                      engine.getTaskService().handleEscalation(review.getId(), "anything");
                      return null;
                    }))
        .hasMessageContaining("BPMN");

    assertThat(driver.isWaitingAt(trip, REVIEW_TRIP_REQUEST)).isTrue();
    assertThat(trail.forTrip(trip.getId()))
        .extracting(AuditTrail.TrailEntry::event)
        .contains("bpmnError.refused");
  }

  @Test
  void aDecisionSetOnTheProcessDoesNotApproveTheReview() {
    ProcessInstance trip = driver.submit(aTrip().build());
    Task review = driver.openTask(trip, REVIEW_TRIP_REQUEST);
    // the applicant has no right to the process's variables: Camunda's authorizations refuse that
    // much
    assertThatThrownBy(
            () ->
                driver.as(
                    TripDriver.APPLICANT,
                    () -> {
                      engine.getRuntimeService().setVariable(trip.getId(), "decision", "approve");
                      return null;
                    }))
        .hasMessageContaining("UPDATE_VARIABLE");

    // a caller the authorizations let through (code, a misconfigured grant): the decision still
    // does not count
    try {
      engine.getRuntimeService().setVariable(trip.getId(), "decision", "approve");
    } catch (RuntimeException refused) {
      assertThat(refused).hasMessageContaining("decision");
    }
    assertThatThrownBy(
            () ->
                driver.as(
                    "li.na",
                    () -> {
                      engine.getTaskService().claim(review.getId(), "li.na");
                      engine.getTaskService().complete(review.getId());
                      return null;
                    }))
        .hasMessageContaining("decision");

    assertThat(driver.reviewLevel(trip)).isEqualTo("unitHead");
    assertThat(engine.getRuntimeService().getVariable(trip.getId(), "decisions")).isNull();
  }

  @Test
  void theApplicantCannotSetADecisionOnTheTripUnderReview() {
    ProcessInstance trip = driver.submit(aTrip().build());
    // the applicant holds no task before departure, and no UPDATE on the trip
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(trip.getId())
                .taskAssignee(TripDriver.APPLICANT)
                .count())
        .isZero();

    assertThatThrownBy(
            () ->
                driver.as(
                    TripDriver.APPLICANT,
                    () -> {
                      engine.getRuntimeService().setVariable(trip.getId(), "decision", "approve");
                      return null;
                    }))
        .isInstanceOf(AuthorizationException.class);

    assertThat(driver.reviewLevel(trip)).isEqualTo("unitHead");
    assertThat(engine.getRuntimeService().getVariable(trip.getId(), "decision")).isNull();
  }

  @Test
  void theApplicantCannotMoveTheDatesOfAnApprovedTrip() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);
    assertThat(driver.isWaitingAt(trip, AWAIT_DEPARTURE_OR_CHANGE)).isTrue();
    String returnDate = (String) engine.getRuntimeService().getVariable(trip.getId(), "returnDate");
    String tripJson =
        engine.getRuntimeService().getVariableTyped(trip.getId(), "trip").getValue().toString();

    assertThatThrownBy(
            () ->
                driver.as(
                    TripDriver.APPLICANT,
                    () -> {
                      engine
                          .getRuntimeService()
                          .setVariable(trip.getId(), "returnDate", "2099-12-30");
                      return null;
                    }))
        .isInstanceOf(AuthorizationException.class);
    // whoever the authorizations let through, the engine refuses the change
    assertThatThrownBy(
            () -> engine.getRuntimeService().setVariable(trip.getId(), "returnDate", "2099-12-30"))
        .hasMessageContaining("returnDate");
    assertThatThrownBy(() -> engine.getRuntimeService().removeVariable(trip.getId(), "returnDate"))
        .hasMessageContaining("returnDate");

    assertThat(engine.getRuntimeService().getVariable(trip.getId(), "returnDate"))
        .isEqualTo(returnDate);
    assertThat(
            engine.getRuntimeService().getVariableTyped(trip.getId(), "trip").getValue().toString())
        .isEqualTo(tripJson);
  }

  @Test
  void theWithdrawalMessageCannotCarryAChangeOfTheTrip() {
    ProcessInstance trip = driver.submit(aTrip().build());
    String tripJson =
        engine.getRuntimeService().getVariableTyped(trip.getId(), "trip").getValue().toString();

    assertThatThrownBy(
            () ->
                engine
                    .getRuntimeService()
                    .createMessageCorrelation(WITHDRAWAL_REQUESTED)
                    .processInstanceId(trip.getId())
                    .setVariable("trip", driver.json(aTrip().members(6).build()))
                    .setVariable(WITHDRAWAL_REQUEST_REASON, Variables.stringValue("借撤回改申请", true))
                    .correlate())
        .hasMessageContaining("trip");

    assertThat(driver.isWaitingAt(trip, REVIEW_TRIP_REQUEST)).isTrue();
    assertThat(
            engine.getRuntimeService().getVariableTyped(trip.getId(), "trip").getValue().toString())
        .isEqualTo(tripJson);
    assertThat(trail.forTrip(trip.getId()))
        .extracting(AuditTrail.TrailEntry::event)
        .contains("variable.refused");
  }

  @Test
  void aNonAdministratorCannotModifyATripEvenWithARightToUpdateIt() {
    ProcessInstance trip = driver.submit(aTrip().build());
    Authorization grant =
        engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId("wang.fang");
    grant.setResource(Resources.PROCESS_INSTANCE);
    grant.setResourceId(trip.getId());
    grant.addPermission(Permissions.UPDATE);
    engine.getAuthorizationService().saveAuthorization(grant);
    try {
      assertThatThrownBy(
              () ->
                  driver.as(
                      "wang.fang",
                      () -> {
                        engine
                            .getRuntimeService()
                            .createProcessInstanceModification(trip.getId())
                            .cancelAllForActivity(REVIEW_TRIP_REQUEST)
                            .startBeforeActivity(ISSUE_APPROVAL_NUMBER)
                            .setAnnotation("审批已线下完成 approved on paper")
                            .execute();
                        return null;
                      }))
          .hasMessageContaining("须由管理员");
    } finally {
      engine.getAuthorizationService().deleteAuthorization(grant.getId());
    }

    assertThat(driver.isWaitingAt(trip, REVIEW_TRIP_REQUEST)).isTrue();
    assertThat(trail.forTrip(trip.getId()))
        .extracting(AuditTrail.TrailEntry::event)
        .contains("modification.refused");
  }

  @Test
  void anAdministratorMustGiveAReasonToModifyATrip() {
    ProcessInstance trip = driver.submit(aTrip().build());

    assertThatThrownBy(
            () ->
                driver.as(
                    "admin",
                    () -> {
                      engine
                          .getRuntimeService()
                          .createProcessInstanceModification(trip.getId())
                          .cancelAllForActivity(REVIEW_TRIP_REQUEST)
                          .startBeforeActivity(ISSUE_APPROVAL_NUMBER)
                          .execute();
                      return null;
                    }))
        .hasMessageContaining("annotation");

    assertThat(driver.isWaitingAt(trip, REVIEW_TRIP_REQUEST)).isTrue();
  }

  @Test
  void anAdministratorsModificationWithAReasonIsInTheTrailButIssuesNoNumberWithoutTheReviews() {
    ProcessInstance trip = driver.submit(aTrip().build());
    long numbers = issuedNumbers();

    driver.as(
        "admin",
        () -> {
          engine
              .getRuntimeService()
              .createProcessInstanceModification(trip.getId())
              .cancelAllForActivity(REVIEW_TRIP_REQUEST)
              .startBeforeActivity(ISSUE_APPROVAL_NUMBER)
              .setAnnotation("测试修改 testing a repair")
              .execute();
          return null;
        });
    assertThat(trail.forTrip(trip.getId()))
        .filteredOn(e -> e.event().equals("modification.performed"))
        .singleElement()
        .satisfies(
            e -> assertThat(e.details()).contains("测试修改 testing a repair", ISSUE_APPROVAL_NUMBER));

    runUntilIncident(trip);
    assertThat(issuedNumbers()).isEqualTo(numbers);
    assertThat(engine.getRuntimeService().getVariable(trip.getId(), "approvalNumber")).isNull();
    assertThat(
            engine
                .getRuntimeService()
                .createIncidentQuery()
                .processInstanceId(trip.getId())
                .count())
        .isEqualTo(1);
    assertThat(trail.forTrip(trip.getId()))
        .filteredOn(e -> e.event().equals("approval.refused"))
        .first()
        .satisfies(e -> assertThat(e.details()).contains("unitHead"));
  }

  @Test
  void aFullyReviewedTripGetsItsNumberFromTheAsynchronousStep() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);

    assertThat((String) engine.getRuntimeService().getVariable(trip.getId(), "approvalNumber"))
        .matches("外办〔\\d{4}〕\\d{4}号");
    assertThat(
            engine
                .getRuntimeService()
                .createIncidentQuery()
                .processInstanceId(trip.getId())
                .count())
        .isZero();
  }

  private void runUntilIncident(ProcessInstance trip) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Job job =
          engine
              .getManagementService()
              .createJobQuery()
              .processInstanceId(trip.getId())
              .activityId(ISSUE_APPROVAL_NUMBER)
              .withRetriesLeft()
              .singleResult();
      if (job == null) {
        return;
      }
      assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
          .hasMessageContaining("批件");
    }
  }

  private long issuedNumbers() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM approval_number", Long.class);
  }

  private long trailEvents(String event) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM audit_trail WHERE event = ?", Long.class, event);
  }
}
