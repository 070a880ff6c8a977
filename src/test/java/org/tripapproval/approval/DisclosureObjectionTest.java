package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.tripapproval.support.TripRequestBuilder.aTrip;
import static org.tripapproval.trip.TripProcess.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.notification.Outbox;
import org.tripapproval.notification.OutboxMessage;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.refusal.Refusal;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripDeadlines;
import org.tripapproval.trip.TripRequest;

/**
 * An objection (异议) raised from the disclosure board holds the pre-trip disclosure until the
 * foreign affairs office decides it: dismissed, the window goes on; upheld, the request goes back
 * to its applicant and through every review again; or the trip is rejected.
 */
@SpringBootTest
@ActiveProfiles("test")
class DisclosureObjectionTest {

  static final String OBJECTOR = "li.na";
  static final String OFFICE = "wang.fang";

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired Objections objections;
  @Autowired Outbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired TripDeadlines deadlines;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new TripDriver(engine, mapper);
  }

  private ProcessInstance disclosedTrip() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAllLevels(trip);
    assertThat(trip).isWaitingAt(PRE_TRIP_DISCLOSURE_ENDED);
    return trip;
  }

  private void object(ProcessInstance trip, String grounds) {
    objections.raise("commerce", trip.getId(), OBJECTOR, grounds);
  }

  @Test
  void anObjectionHoldsTheWindowPastItsEndUntilTheOfficeDismissesIt() {
    ProcessInstance trip = disclosedTrip();
    object(trip, "团组中有一人并未参与该项目 a member has nothing to do with the project");
    Task decision = driver.openTask(trip, DECIDE_OBJECTION);
    Assertions.assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskId(decision.getId())
                .taskCandidateGroup("foreign-affairs-office")
                .count())
        .isEqualTo(1);
    Assertions.assertThat(mailFor(trip, "TASK_ASSIGNED")).contains("wang.fang@trips.example");
    Assertions.assertThat(engine.getTaskService().getVariable(decision.getId(), "objector"))
        .isEqualTo(OBJECTOR);

    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);

    // the window's time is up, but the objection is open: no approval number yet
    assertThat(trip).isWaitingAt(DECIDE_OBJECTION).hasNotPassed(ISSUE_APPROVAL_NUMBER);
    Assertions.assertThat(mailFor(trip, "PRE_TRIP_DISCLOSURE_ENDED")).isEmpty();
    Assertions.assertThat(registryStatus(trip)).isEqualTo("DISCLOSURE");

    driver.decide(OFFICE, trip, DECIDE_OBJECTION, "dismiss", "该成员是项目联系人 he is the contact");

    driver.runAsynchronousSteps(trip);
    assertThat(trip)
        .isWaitingAt(AWAIT_DEPARTURE_OR_CHANGE)
        .hasPassedInOrder(DECIDE_OBJECTION, ISSUE_APPROVAL_NUMBER);
    Assertions.assertThat(mailFor(trip, "OBJECTION_DISMISSED")).containsExactly(applicantMail());
    Assertions.assertThat(mailFor(trip, "PRE_TRIP_DISCLOSURE_ENDED"))
        .containsExactly(applicantMail());
    Assertions.assertThat(historicProcessVariable(trip, "decisions"))
        .contains("\"decision\":\"dismiss\"", "he is the contact")
        .doesNotContain("objector", "nothing to do with the project");
  }

  @Test
  void anObjectionDismissedAfterTheDepartureDaySendsTheTripBackInsteadOfIssuingANumber() {
    ProcessInstance trip = disclosedTrip();
    object(trip, "出访日程与任务不符 the schedule does not match the task");
    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);
    LocalDate departure = departureOf(trip);

    deadlines.asOf(
        departure.plusDays(1),
        () -> {
          driver.decide(OFFICE, trip, DECIDE_OBJECTION, "dismiss", "日程已核实 schedule checked");
          return null;
        });

    assertThat(trip)
        .isWaitingAt(REVISE_TRIP_REQUEST)
        .hasPassed(EXPLAIN_DISCLOSURE_TOO_LATE)
        .hasNotPassed(ISSUE_APPROVAL_NUMBER, DEPARTURE_DAY_REACHED);
    Assertions.assertThat(historicProcessVariable(trip, "approvalNumber")).isNull();
    Assertions.assertThat(
            String.valueOf(engine.getRuntimeService().getVariable(trip.getId(), "findings")))
        .contains("leadTime", "blocking", "异议处理期间已过出发日期" + departure, "move the dates");
  }

  @Test
  void anObjectionDismissedOnTheDepartureDayStillLetsTheTripGo() {
    ProcessInstance trip = disclosedTrip();
    object(trip, "出访日程与任务不符 the schedule does not match the task");
    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);

    deadlines.asOf(
        departureOf(trip),
        () -> {
          driver.decide(OFFICE, trip, DECIDE_OBJECTION, "dismiss", "日程已核实 schedule checked");
          return null;
        });

    driver.runAsynchronousSteps(trip);
    assertThat(trip).hasPassed(ISSUE_APPROVAL_NUMBER).hasNotPassed(EXPLAIN_DISCLOSURE_TOO_LATE);
  }

  private LocalDate departureOf(ProcessInstance trip) {
    return LocalDate.parse(
        (String) engine.getRuntimeService().getVariable(trip.getId(), "departureDate"));
  }

  @Test
  void anUpheldObjectionSendsTheRequestBackAndItIsReviewedAndDisclosedAgain() {
    ProcessInstance trip = disclosedTrip();
    object(trip, "出访任务与本单位职责无关 the task is not the unit's business");

    driver.decide(OFFICE, trip, DECIDE_OBJECTION, "uphold", "请说明任务与职责的关系 explain the task");

    assertThat(trip).isWaitingAt(REVISE_TRIP_REQUEST).hasPassed(OBJECTION_UPHELD);
    Assertions.assertThat(mailFor(trip, "OBJECTION_UPHELD")).containsExactly(applicantMail());
    Assertions.assertThat(mailFor(trip, "PRE_TRIP_DISCLOSURE_ENDED")).isEmpty();
    // the approved data may change again: the objection reopened the request
    TripRequest revised = aTrip().purpose("与日本经济产业省就对外贸易统计开展工作会谈,商定数据交换的具体安排").build();
    driver.revise(trip, revised);
    assertThat(trip).isWaitingAt(REVIEW_TRIP_REQUEST);
    driver.approveAllLevels(trip);
    assertThat(trip).isWaitingAt(PRE_TRIP_DISCLOSURE_ENDED);
    // approved again: its data are frozen again, whoever writes
    assertThatThrownBy(
            () ->
                engine
                    .getRuntimeService()
                    .setVariable(trip.getId(), "trip", driver.json(aTrip().members(2).build())))
        .hasMessageContaining("the trip is approved");
    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);
    driver.runAsynchronousSteps(trip);
    assertThat(trip).isWaitingAt(AWAIT_DEPARTURE_OR_CHANGE);
    Assertions.assertThat(historicProcessVariable(trip, "approvalNumber")).isNotBlank();
  }

  @Test
  void theOfficeRejectsTheTripOnAnObjection() {
    ProcessInstance trip = disclosedTrip();
    object(trip, "邀请函系中介机构代办 the invitation was bought from an agency");

    driver.decide(OFFICE, trip, DECIDE_OBJECTION, "reject", "邀请函不符合规定 the invitation is not valid");

    assertThat(trip).isEnded().hasPassed(TRIP_REJECTED).hasNotPassed(ISSUE_APPROVAL_NUMBER);
    Assertions.assertThat(mailFor(trip, "TRIP_REJECTED")).containsExactly(applicantMail());
    Assertions.assertThat(registryStatus(trip)).isEqualTo("REJECTED");
  }

  @Test
  void aDecisionWithoutAReasonOrAnUnofferedOneIsRefused() {
    ProcessInstance trip = disclosedTrip();
    object(trip, "预算偏高 the budget is high");
    assertThatThrownBy(() -> driver.decide(OFFICE, trip, DECIDE_OBJECTION, "dismiss", ""))
        .hasMessageContaining("a reason is required");
    assertThatThrownBy(() -> driver.decide(OFFICE, trip, DECIDE_OBJECTION, "approve", "好"))
        .hasMessageContaining("choose one of");
    assertThat(trip).isWaitingAt(DECIDE_OBJECTION);
  }

  @Test
  void theObjectorIsKeptOnTheObjectionNotOnTheTripTheApplicantReads() {
    ProcessInstance trip = disclosedTrip();
    object(trip, "日程安排过松 the schedule is thin");
    Assertions.assertThat(engine.getRuntimeService().getVariables(trip.getId()))
        .doesNotContainKeys("objector", "objectionGrounds", "objectionRequestGrounds");
    Assertions.assertThat(
            jdbc.queryForList(
                "SELECT actor FROM audit_trail WHERE process_instance_id = ? AND event = ?",
                String.class,
                trip.getId(),
                "objection.raised"))
        .containsExactly(OBJECTOR);
  }

  @Test
  void refusesObjectionsFromOutsideTheUnitWithoutGroundsOrOutsideTheWindow() {
    ProcessInstance trip = disclosedTrip();
    assertThatThrownBy(() -> objections.raise("commerce", trip.getId(), "sun.li", "不是本单位"))
        .isInstanceOfSatisfying(
            Refusal.class, refusal -> Assertions.assertThat(refusal.status()).isEqualTo(403));
    assertThatThrownBy(() -> objections.raise("education", trip.getId(), "sun.li", "另一单位"))
        .isInstanceOfSatisfying(
            Refusal.class, refusal -> Assertions.assertThat(refusal.status()).isEqualTo(404));
    assertThatThrownBy(() -> objections.raise("commerce", "no-such-trip", OBJECTOR, "没有"))
        .isInstanceOfSatisfying(
            Refusal.class, refusal -> Assertions.assertThat(refusal.status()).isEqualTo(404));
    assertThatThrownBy(() -> object(trip, "  "))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("say what the objection is");
    assertThat(trip).isWaitingAt(PRE_TRIP_DISCLOSURE_ENDED).hasNotPassed(OBJECTION_RAISED);

    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);
    assertThatThrownBy(() -> object(trip, "太晚了 too late"))
        .isInstanceOfSatisfying(
            Refusal.class, refusal -> Assertions.assertThat(refusal.status()).isEqualTo(409));
  }

  private ProcessInstance resultsDisclosed() {
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    driver.fileReport(trip, TripDriver.reportFor(request));
    driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "accept", "");
    assertThat(trip).isWaitingAt(POST_TRIP_DISCLOSURE_ENDED);
    return trip;
  }

  @Test
  void anObjectionToTheResultsHoldsThePostTripWindowUntilDismissed() {
    ProcessInstance trip = resultsDisclosed();
    object(trip, "报告所列成果并未实现 the results listed did not happen");
    assertThat(trip).isWaitingAt(DECIDE_POST_TRIP_OBJECTION);

    driver.fireTimer(trip, POST_TRIP_DISCLOSURE_ENDED);
    assertThat(trip).isNotEnded().isWaitingAt(DECIDE_POST_TRIP_OBJECTION);
    Assertions.assertThat(mailFor(trip, "POST_TRIP_DISCLOSURE_ENDED")).isEmpty();

    driver.decide(OFFICE, trip, DECIDE_POST_TRIP_OBJECTION, "dismiss", "成果已核实 verified");

    assertThat(trip).isEnded().hasPassed(TRIP_CLOSED);
    Assertions.assertThat(mailFor(trip, "OBJECTION_DISMISSED")).containsExactly(applicantMail());
    Assertions.assertThat(mailFor(trip, "POST_TRIP_DISCLOSURE_ENDED"))
        .containsExactly(applicantMail());
  }

  @Test
  void anUpheldObjectionToTheResultsSendsTheReportBackToBeFiledAgain() {
    ProcessInstance trip = resultsDisclosed();
    object(trip, "成果夸大 the results are overstated");
    assertThatThrownBy(() -> driver.decide(OFFICE, trip, DECIDE_POST_TRIP_OBJECTION, "reject", "不"))
        .as("a trip that has happened is not rejected")
        .hasMessageContaining("choose one of");

    driver.decide(
        OFFICE, trip, DECIDE_POST_TRIP_OBJECTION, "uphold", "请如实填写成果 report what happened");

    assertThat(trip).isWaitingAt(FILE_TRIP_REPORT).hasPassed(POST_TRIP_OBJECTION_UPHELD);
    Assertions.assertThat(mailFor(trip, "REPORT_SENT_BACK")).containsExactly(applicantMail());
    Assertions.assertThat(mailFor(trip, "POST_TRIP_DISCLOSURE_ENDED")).isEmpty();
    Assertions.assertThat(registryStatus(trip)).isEqualTo("REPORT_DUE");
    driver.fileReport(trip, TripDriver.reportFor(aTrip().build()));
    driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "accept", "");
    driver.fireTimer(trip, POST_TRIP_DISCLOSURE_ENDED);
    assertThat(trip).isEnded().hasPassed(TRIP_CLOSED);
  }

  private static String applicantMail() {
    return TripDriver.APPLICANT + "@trips.example";
  }

  private List<String> mailFor(ProcessInstance trip, String kind) {
    return outbox.forTrip(trip.getId()).stream()
        .filter(m -> m.kind().equals(kind))
        .map(OutboxMessage::recipient)
        .toList();
  }

  private String registryStatus(ProcessInstance trip) {
    return jdbc.queryForObject(
        "SELECT status FROM trip_registry WHERE process_instance_id = ?",
        String.class,
        trip.getId());
  }

  private String historicProcessVariable(ProcessInstance trip, String name) {
    return engine
        .getHistoryService()
        .createHistoricVariableInstanceQuery()
        .processInstanceId(trip.getId())
        .variableName(name)
        .list()
        .stream()
        .filter(variable -> trip.getId().equals(variable.getExecutionId()))
        .findFirst()
        .map(variable -> String.valueOf(variable.getValue()))
        .orElse(null);
  }
}
