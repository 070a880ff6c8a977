package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.tripapproval.support.TripRequestBuilder.aTrip;
import static org.tripapproval.trip.TripProcess.*;
import static org.tripapproval.trip.TripVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.audit.DocumentSeals;
import org.tripapproval.notification.Outbox;
import org.tripapproval.refusal.Refusal;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.InvalidSubmissionException;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.Member;
import org.tripapproval.trip.TripRequest.Rank;

/**
 * Every path of a change after approval (变更, docs/adr/0022), driven as the demo users, timers fired
 * by hand.
 */
@SpringBootTest
@ActiveProfiles("test")
class TripChangeProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired TripChanges changes;
  @Autowired ApprovalDocuments documents;
  @Autowired DocumentSeals seals;
  @Autowired AuditTrail trail;
  @Autowired Outbox outbox;
  @Autowired JdbcTemplate jdbc;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new TripDriver(engine, mapper);
  }

  @Test
  void aPostponementIsApprovedByTheOfficeAloneReissuesTheDocumentAndMovesTheDeparture() {
    TripRequest approved = aTrip().build();
    ProcessInstance trip = approvedTrip(approved);
    String number = (String) variable(trip, APPROVAL_NUMBER);
    Date departingBefore = departureTimer(trip).getDuedate();
    TripRequest postponed = aTrip().departingOn(approved.departureDate().plusDays(3)).build();

    askForChange(trip, postponed, "对方会谈推迟三天 the counterpart postponed the talks");

    assertThat(trip).isWaitingAt(REVIEW_TRIP_CHANGE);
    Assertions.assertThat(variable(trip, CHANGE_REVIEW_LEVELS))
        .isEqualTo(List.of("foreignAffairs"));
    Assertions.assertThat(variable(trip, DEPARTURE_DATE))
        .as("until approved, the trip stands as approved")
        .isEqualTo(approved.departureDate().toString());
    reviewChange(trip, "approve", "同意 agreed");

    assertThat(trip).isWaitingAt(AWAIT_DEPARTURE_OR_CHANGE);
    Assertions.assertThat(variable(trip, DEPARTURE_DATE))
        .isEqualTo(postponed.departureDate().toString());
    Assertions.assertThat(variable(trip, APPROVAL_NUMBER)).isEqualTo(number);
    Assertions.assertThat(departureTimer(trip).getDuedate()).isAfter(departingBefore);
    Assertions.assertThat(
            jdbc.queryForList(
                "SELECT revision FROM approval_document WHERE process_instance_id = ? ORDER BY"
                    + " revision",
                Integer.class,
                trip.getId()))
        .containsExactly(1, 2);
    Assertions.assertThat(
            documents.verify(number, seals.checkCode(number, 1), null).verdict().code())
        .isEqualTo(DocumentVerdict.superseded.name());
    Assertions.assertThat(
            documents.verify(number, seals.checkCode(number, 2), null).verdict().code())
        .isEqualTo(DocumentVerdict.issued.name());
    Assertions.assertThat(trail.forTrip(trip.getId()))
        .anySatisfy(
            entry -> {
              Assertions.assertThat(entry.event()).isEqualTo(TripChangeApplier.CHANGE_APPROVED);
              Assertions.assertThat(entry.details())
                  .contains("\"datesChanged\":true", "\"membersChanged\":false", "postponed");
            });
    Assertions.assertThat(kindsSent(trip)).contains("TRIP_CHANGE_APPROVED");

    // after return, the report is checked against the last approved version
    driver.fireTimer(trip, DEPARTURE_DAY_REACHED);
    driver.fireTimer(trip, TRIP_RETURNED);
    driver.fileReport(trip, TripDriver.reportFor(postponed));
    Assertions.assertThat(String.valueOf(variable(trip, REPORT_FINDINGS)))
        .doesNotContain("deviation");
  }

  @Test
  void aBureauLevelMemberJoiningBringsTheUnitHeadAndLeadershipBackIn() {
    TripRequest approved = aTrip().build();
    ProcessInstance trip = approvedTrip(approved);
    TripRequest joined =
        aTrip()
            .members(
                List.of(
                    new Member("张伟", "商务厅副处长", Rank.division),
                    new Member("王小明", "翻译", Rank.staff),
                    new Member("钱副厅长", "商务厅副厅长", Rank.bureau)))
            .build();

    askForChange(trip, joined, "副厅长参加签约 the deputy director-general signs the memorandum");

    Assertions.assertThat(variable(trip, CHANGE_REVIEW_LEVELS))
        .isEqualTo(List.of("unitHead", "foreignAffairs", "leadership"));
    while (driver.isWaitingAt(trip, REVIEW_TRIP_CHANGE)) {
      reviewChange(trip, "approve", "同意 agreed");
    }
    assertThat(trip).isWaitingAt(AWAIT_DEPARTURE_OR_CHANGE);
    Assertions.assertThat(variable(trip, HIGHEST_RANK)).isEqualTo("bureau");
    Assertions.assertThat(variable(trip, DELEGATION_SIZE)).isEqualTo(3);
  }

  @Test
  void aChangeSentBackReturnsToItsApplicantAndARefusalLeavesTheTripAsApproved() {
    TripRequest approved = aTrip().build();
    ProcessInstance trip = approvedTrip(approved);
    TripRequest longer = aTrip().days(5).budget(new BigDecimal("36000")).build();

    askForChange(trip, longer, "增加一天会谈 one more day of talks");
    Assertions.assertThat(variable(trip, CHANGE_REVIEW_LEVELS))
        .as("the budget changed: finance reviews it")
        .isEqualTo(List.of("foreignAffairs", "finance"));
    reviewChange(trip, "sendBack", "请说明增加的会谈对象 name the counterpart of the extra day");
    assertThat(trip).isWaitingAt(REQUEST_TRIP_CHANGE);
    Assertions.assertThat(kindsSent(trip)).contains("TRIP_CHANGE_SENT_BACK");

    submitChange(trip, longer, "增加一天与贸易振兴机构会谈 one more day with the trade agency");
    while (driver.isWaitingAt(trip, REVIEW_TRIP_CHANGE)) {
      String level =
          (String)
              engine
                  .getTaskService()
                  .getVariable(driver.openTask(trip, REVIEW_TRIP_CHANGE).getId(), REVIEW_LEVEL);
      reviewChange(trip, level.equals("finance") ? "reject" : "approve", "预算不足 over budget");
    }

    assertThat(trip).isWaitingAt(AWAIT_DEPARTURE_OR_CHANGE).hasPassed(TRIP_CHANGE);
    Assertions.assertThat(variable(trip, RETURN_DATE)).isEqualTo(approved.returnDate().toString());
    Assertions.assertThat(kindsSent(trip)).contains("TRIP_CHANGE_REFUSED");
    Assertions.assertThat(
            jdbc.queryForObject(
                "SELECT MAX(revision) FROM approval_document WHERE process_instance_id = ?",
                Integer.class,
                trip.getId()))
        .isEqualTo(1);
  }

  @Test
  void aDroppedChangeLeavesTheTripAsApprovedAndAnotherMayFollow() {
    ProcessInstance trip = approvedTrip(aTrip().build());
    changes.request(trip.getId(), TripDriver.APPLICANT);
    driver.completeAsApplicant(trip, REQUEST_TRIP_CHANGE, Map.of(CHANGE_ACTION, CHANGE_DROP));

    assertThat(trip).isWaitingAt(AWAIT_DEPARTURE_OR_CHANGE).hasPassed("tripChangeDropped");
    changes.request(trip.getId(), TripDriver.APPLICANT);
    assertThat(trip).isWaitingAt(REQUEST_TRIP_CHANGE);
  }

  @Test
  void aChangeWithBlockingFindingsGoesBackToItsApplicantBeforeAnyReview() {
    ProcessInstance trip = approvedTrip(aTrip().build());
    TripRequest tooMany = aTrip().countries("JP", "KR", "SG", "TH").days(8).build();

    askForChange(trip, tooMany, "增加三国 three more countries");

    assertThat(trip).isWaitingAt(REQUEST_TRIP_CHANGE).hasNotPassed(REVIEW_TRIP_CHANGE);
    Assertions.assertThat(variable(trip, CHANGE_HAS_BLOCKING_FINDINGS)).isEqualTo(true);
    Assertions.assertThat(String.valueOf(variable(trip, CHANGE_FINDINGS))).contains("countries");
  }

  @Test
  void theDepartureDayOvertakesAnUndecidedChangeAndTheTripGoesAsApproved() {
    TripRequest approved = aTrip().build();
    ProcessInstance trip = approvedTrip(approved);
    askForChange(trip, aTrip().days(5).build(), "增加一天 one more day");

    driver.fireTimer(trip, CHANGE_OVERTAKEN_BY_DEPARTURE);

    assertThat(trip).isWaitingAt(TRIP_RETURNED).hasPassed("tripDepartedAsApproved");
    Assertions.assertThat(variable(trip, RETURN_DATE)).isEqualTo(approved.returnDate().toString());
    Assertions.assertThat(kindsSent(trip)).contains("TRIP_CHANGE_LAPSED");
  }

  @Test
  void onlyTheApplicantOfAnApprovedTripBeforeDepartureMayAskForAChange() {
    ProcessInstance inReview = driver.submit(aTrip().build());
    assertThat(inReview).isWaitingAt(REVIEW_TRIP_REQUEST);
    assertRefused(() -> changes.request(inReview.getId(), TripDriver.APPLICANT), 409);

    ProcessInstance trip = approvedTrip(aTrip().build());
    assertRefused(() -> changes.request(trip.getId(), "li.na"), 404);
    assertRefused(() -> changes.request("no-such-trip", TripDriver.APPLICANT), 404);

    changes.request(trip.getId(), TripDriver.APPLICANT);
    assertRefused(() -> changes.request(trip.getId(), TripDriver.APPLICANT), 409);

    driver.fireTimer(trip, CHANGE_OVERTAKEN_BY_DEPARTURE);
    assertRefused(() -> changes.request(trip.getId(), TripDriver.APPLICANT), 409);
  }

  @Test
  void aChangeWithoutReasonOrThatChangesNothingIsRefusedAndTheTaskStaysOpen() {
    TripRequest approved = aTrip().build();
    ProcessInstance trip = approvedTrip(approved);
    changes.request(trip.getId(), TripDriver.APPLICANT);

    assertThatThrownBy(() -> submitChange(trip, aTrip().days(5).build(), "  "))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining(CHANGE_REASON);
    assertThatThrownBy(() -> submitChange(trip, approved, "没有变化 nothing"))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("nothing differs");
    assertThatThrownBy(
            () ->
                driver.completeAsApplicant(
                    trip, REQUEST_TRIP_CHANGE, Map.of(CHANGE_ACTION, "approveMyself")))
        .isInstanceOf(InvalidSubmissionException.class);
    assertThat(trip).isWaitingAt(REQUEST_TRIP_CHANGE);
  }

  @Test
  void theApplicantCannotWriteTheApprovedTripWhileAChangeIsOpen() {
    ProcessInstance trip = approvedTrip(aTrip().build());
    changes.request(trip.getId(), TripDriver.APPLICANT);
    String task = driver.openTask(trip, REQUEST_TRIP_CHANGE).getId();

    assertThatThrownBy(
            () ->
                driver.as(
                    TripDriver.APPLICANT,
                    () -> {
                      engine
                          .getTaskService()
                          .setVariable(task, TRIP, driver.json(aTrip().days(5).build()));
                      return null;
                    }))
        .isInstanceOf(TripInvariantViolation.class);
    assertThatThrownBy(
            () ->
                driver.as(
                    TripDriver.APPLICANT,
                    () -> {
                      engine.getTaskService().setVariable(task, CHANGE_REVIEW_LEVELS, List.of());
                      return null;
                    }))
        .isInstanceOf(TripInvariantViolation.class);
  }

  @Test
  void nobodySwapsTheChangedTripOnceItIsInReview() {
    ProcessInstance trip = approvedTrip(aTrip().build());
    askForChange(trip, aTrip().members(3).build(), "增加一名团员 one more member");
    assertThat(trip).isWaitingAt(REVIEW_TRIP_CHANGE);
    String review = driver.openTask(trip, REVIEW_TRIP_CHANGE).getId();
    Object swapped = driver.json(aTrip().members(6).days(5).build());

    for (String user : List.of(TripDriver.APPLICANT, "li.na")) {
      assertThatThrownBy(
              () ->
                  driver.as(
                      user,
                      () -> {
                        engine
                            .getRuntimeService()
                            .setVariable(trip.getId(), PROPOSED_TRIP, swapped);
                        return null;
                      }))
          .as(user)
          .isInstanceOf(RuntimeException.class);
    }
    assertThatThrownBy(
            () ->
                driver.as(
                    "li.na",
                    () -> {
                      engine.getTaskService().claim(review, "li.na");
                      engine
                          .getFormService()
                          .submitTaskForm(
                              review,
                              Map.of(
                                  DECISION,
                                  "approve",
                                  DECISION_REASON,
                                  "",
                                  PROPOSED_TRIP,
                                  swapped));
                      return null;
                    }))
        .isInstanceOf(TripInvariantViolation.class);
    Assertions.assertThat(String.valueOf(variable(trip, PROPOSED_TRIP))).doesNotContain("团员6");
    assertThat(trip).isWaitingAt(REVIEW_TRIP_CHANGE);
  }

  @Test
  void applyingAChangeThatNotEveryLevelApprovedFailsAndTheTripStandsAsApproved() {
    TripRequest approved = aTrip().build();
    ProcessInstance trip = approvedTrip(approved);
    askForChange(trip, aTrip().days(5).budget(new BigDecimal("36000")).build(), "多一天 one more day");
    reviewChange(trip, "approve", "同意 agreed"); // the office; finance has not decided

    // an administrator moves the trip straight to the step that applies the change
    driver.as(
        "admin",
        () -> {
          engine
              .getRuntimeService()
              .createProcessInstanceModification(trip.getId())
              .cancelAllForActivity(REVIEW_TRIP_CHANGE)
              .startBeforeActivity(APPLY_TRIP_CHANGE)
              .setAnnotation("财政已线下同意 finance agreed on paper")
              .execute();
          return null;
        });
    Job apply =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(trip.getId())
            .activityId(APPLY_TRIP_CHANGE)
            .singleResult();
    assertThatThrownBy(() -> engine.getManagementService().executeJob(apply.getId()))
        .isInstanceOf(ApprovalNotEarned.class)
        .hasMessageContaining("finance")
        .hasMessageContaining("the change does not take effect");
    Assertions.assertThat(variable(trip, RETURN_DATE)).isEqualTo(approved.returnDate().toString());
    Assertions.assertThat(trail.forTrip(trip.getId()))
        .anyMatch(entry -> entry.event().equals("approval.refused"));
  }

  /** Submitted, approved at every level, disclosed: waiting for its departure. */
  private ProcessInstance approvedTrip(TripRequest request) {
    ProcessInstance trip = driver.submit(request);
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);
    assertThat(trip).isWaitingAt(AWAIT_DEPARTURE_OR_CHANGE);
    return trip;
  }

  private void askForChange(ProcessInstance trip, TripRequest changed, String reason) {
    String task = changes.request(trip.getId(), TripDriver.APPLICANT);
    Assertions.assertThat(driver.openTask(trip, REQUEST_TRIP_CHANGE).getId()).isEqualTo(task);
    submitChange(trip, changed, reason);
  }

  private void submitChange(ProcessInstance trip, TripRequest changed, String reason) {
    Map<String, Object> form = new HashMap<>();
    form.put(PROPOSED_TRIP, driver.json(changed));
    form.put(CHANGE_REASON, reason);
    form.put(CHANGE_ACTION, CHANGE_SUBMIT);
    driver.completeAsApplicant(trip, REQUEST_TRIP_CHANGE, form);
  }

  private void reviewChange(ProcessInstance trip, String decision, String reason) {
    String level =
        (String)
            engine
                .getTaskService()
                .getVariable(driver.openTask(trip, REVIEW_TRIP_CHANGE).getId(), REVIEW_LEVEL);
    driver.decide(
        TripDriver.REVIEWER_BY_LEVEL.get(level), trip, REVIEW_TRIP_CHANGE, decision, reason);
    driver.runAsynchronousSteps(trip);
  }

  private Object variable(ProcessInstance trip, String name) {
    return engine.getRuntimeService().getVariable(trip.getId(), name);
  }

  private Job departureTimer(ProcessInstance trip) {
    return engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(trip.getId())
        .activityId(DEPARTURE_DAY_REACHED)
        .singleResult();
  }

  private List<String> kindsSent(ProcessInstance trip) {
    return outbox.forTrip(trip.getId()).stream().map(m -> m.kind()).toList();
  }

  private static void assertRefused(Runnable call, int status) {
    assertThatThrownBy(call::run)
        .isInstanceOf(Refusal.class)
        .satisfies(e -> Assertions.assertThat(((Refusal) e).status()).isEqualTo(status));
  }
}
