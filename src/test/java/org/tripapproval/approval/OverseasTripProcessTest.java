package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.tripapproval.support.TripRequestBuilder.aTrip;
import static org.tripapproval.trip.TripProcess.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.calendar.WorkingDays;
import org.tripapproval.notification.Outbox;
import org.tripapproval.notification.OutboxMessage;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.refusal.Refusal;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.InvalidSubmissionException;
import org.tripapproval.trip.TripDeadlines;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripRequest;

/** Every path through overseas-trip.bpmn, driven as the demo users, timers fired by hand. */
@SpringBootTest
@ActiveProfiles("test")
class OverseasTripProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired ApplicationContext context;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate transactions;
  @Autowired AuditTrail trail;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApprovalNumbers approvalNumbers;
  @Autowired Clock clock;
  @Autowired Withdrawals withdrawals;
  @Autowired WorkingDays workingDays;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    init(engine);
    driver = new TripDriver(engine, mapper);
  }

  @Test
  void closesAPlannedTripAfterThreeReviewsTheReportAndBothDisclosures() {
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);

    assertThat(trip)
        .isWaitingAt(REVIEW_TRIP_REQUEST)
        .variables()
        .containsEntry("applicant", TripDriver.APPLICANT)
        .containsEntry("unit", "commerce")
        .containsEntry("hasBlockingFindings", false)
        .containsEntry("reviewLevels", List.of("unitHead", "foreignAffairs", "finance"));
    Assertions.assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(trip.getId())
                .taskCandidateGroup("unit-head-commerce")
                .count())
        .isEqualTo(1);

    driver.approveAllLevels(trip);
    assertThat(trip).isWaitingAt(PRE_TRIP_DISCLOSURE_ENDED);
    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);
    assertThat(trip)
        .isWaitingAt(AWAIT_DEPARTURE_OR_CHANGE)
        .variables()
        .hasEntrySatisfying(
            "approvalNumber", n -> Assertions.assertThat((String) n).matches("外办〔\\d{4}〕\\d{4}号"));
    driver.fireTimer(trip, DEPARTURE_DAY_REACHED);
    assertThat(trip).isWaitingAt(TRIP_RETURNED);
    driver.fireTimer(trip, TRIP_RETURNED);

    Task report = driver.openTask(trip, FILE_TRIP_REPORT);
    Assertions.assertThat(report.getAssignee()).isEqualTo(TripDriver.APPLICANT);
    Assertions.assertThat(report.getDueDate()).isNotNull();
    driver.fileReport(trip, TripDriver.reportFor(request));
    assertThat(trip).isWaitingAt(VERIFY_TRIP_REPORT);
    driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "accept", "");
    driver.fireTimer(trip, POST_TRIP_DISCLOSURE_ENDED);

    assertThat(trip)
        .isEnded()
        .hasPassed(TRIP_CLOSED)
        .hasNotPassed(REVISE_TRIP_REQUEST, TRIP_REJECTED, TRIP_WITHDRAWN)
        .hasPassedInOrder(
            CHECK_TRIP_RULES,
            REVIEW_TRIP_REQUEST,
            ISSUE_APPROVAL_NUMBER,
            FILE_TRIP_REPORT,
            VERIFY_TRIP_REPORT,
            TRIP_CLOSED);
    Assertions.assertThat(historicVariable(trip, "decisions"))
        .contains(
            "\"decidedBy\":\"li.na\"",
            "\"decidedBy\":\"wang.fang\"",
            "\"decidedBy\":\"liu.yang\"",
            "\"decision\":\"accept\"");
  }

  @Test
  void routesUnplannedTripsSeniorOfficialsLargeDelegationsAndBudgetsToLeadershipLast() {
    for (TripRequest request :
        List.of(
            aTrip().unplanned("外方临时邀请参加部长级会议").build(),
            aTrip().seniorOfficial().build(),
            aTrip().members(5).build(),
            aTrip().budget(new BigDecimal("250000")).build())) {
      ProcessInstance trip = driver.submit(request);
      assertThat(trip)
          .variables()
          .containsEntry(
              "reviewLevels", List.of("unitHead", "foreignAffairs", "finance", "leadership"));
    }
  }

  @Test
  void sendsBackWithReasonAndStartsTheReviewsAgainAfterRevision() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.review(trip, "approve", "");
    driver.review(trip, "sendBack", "请补充与对方会谈的具体议题");

    Task revise = driver.openTask(trip, REVISE_TRIP_REQUEST);
    Assertions.assertThat(revise.getAssignee()).isEqualTo(TripDriver.APPLICANT);
    driver.revise(trip, aTrip().purpose("与日本经济产业省商谈2027年度双边贸易投资合作备忘录的具体条款及会谈议题清单").build());

    assertThat(trip).isWaitingAt(REVIEW_TRIP_REQUEST);
    Assertions.assertThat(driver.reviewLevel(trip)).isEqualTo("unitHead");
    Assertions.assertThat(engine.getRuntimeService().getVariable(trip.getId(), "trip").toString())
        .contains("会谈议题清单");
  }

  @ParameterizedTest(name = "rejected by the review at level {0}")
  @ValueSource(ints = {0, 1, 2, 3})
  void endsRejectedWhenAnyLevelRejects(int rejectingLevel) {
    ProcessInstance trip = driver.submit(aTrip().unplanned("外方临时邀请参加部长级会议").build());
    for (int level = 0; level < rejectingLevel; level++) {
      driver.review(trip, "approve", "");
    }
    String level = driver.reviewLevel(trip);
    driver.review(trip, "reject", "出访必要性不足");

    assertThat(trip).isEnded().hasPassed(TRIP_REJECTED).hasNotPassed(ISSUE_APPROVAL_NUMBER);
    Assertions.assertThat(level)
        .isEqualTo(
            List.of("unitHead", "foreignAffairs", "finance", "leadership").get(rejectingLevel));
  }

  @Test
  void refusesToSendBackOrRejectWithoutAReason() {
    ProcessInstance trip = driver.submit(aTrip().build());
    assertThatThrownBy(() -> driver.review(trip, "reject", "  "))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("decisionReason");
    assertThatThrownBy(() -> driver.review(trip, "maybe", "unsure"))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("decision");
    assertThat(trip).isWaitingAt(REVIEW_TRIP_REQUEST);
    Assertions.assertThat(engine.getRuntimeService().getVariable(trip.getId(), "decisions"))
        .isNull();
  }

  @Test
  void aReviewCompletedWithoutADecisionIsRefusedEvenAfterAnEarlierApproval() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.review(trip, "approve", "");
    Task second = driver.openTask(trip, REVIEW_TRIP_REQUEST);

    assertThatThrownBy(
            () ->
                driver.as(
                    "wang.fang",
                    () -> {
                      engine.getTaskService().claim(second.getId(), "wang.fang");
                      engine.getTaskService().complete(second.getId());
                      return null;
                    }))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("decision");
    Assertions.assertThat(driver.reviewLevel(trip)).isEqualTo("foreignAffairs");
  }

  @Test
  void sendsBlockingFindingsBackToTheApplicantBeforeAnyReview() {
    ProcessInstance trip = driver.submit(aTrip().members(7).days(6).build());

    assertThat(trip).isWaitingAt(REVISE_TRIP_REQUEST).hasNotPassed(REVIEW_TRIP_REQUEST);
    Assertions.assertThat(
            engine.getRuntimeService().getVariable(trip.getId(), "findings").toString())
        .contains("\"rule\":\"size\"", "\"rule\":\"days\"", "\"severity\":\"blocking\"");

    driver.revise(trip, aTrip().build());
    assertThat(trip).isWaitingAt(REVIEW_TRIP_REQUEST);
  }

  @Test
  void applicantWithdrawsWhileTheRequestIsUnderReview() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.review(trip, "approve", "");
    // no standing task for the applicant: only the review waits
    Assertions.assertThat(
            engine.getTaskService().createTaskQuery().processInstanceId(trip.getId()).list())
        .extracting(Task::getTaskDefinitionKey)
        .containsExactly(REVIEW_TRIP_REQUEST);

    driver.withdraw(withdrawals, trip, "外方会谈推迟 the talks were postponed");

    assertThat(trip)
        .isEnded()
        .hasPassedInOrder(WITHDRAWAL_CAUGHT, RECORD_WITHDRAWAL, TRIP_WITHDRAWN)
        .hasNotPassed(TRIP_REJECTED);
    Assertions.assertThat(historicVariable(trip, "decisions"))
        .contains("\"decision\":\"withdraw\"", "外方会谈推迟", "\"decidedBy\":\"zhang.wei\"");
    Assertions.assertThat(historicVariable(trip, "withdrawalReason"))
        .isEqualTo("外方会谈推迟 the talks were postponed");
    Assertions.assertThat(historicVariable(trip, "withdrawnBy")).isEqualTo(TripDriver.APPLICANT);
    Assertions.assertThat(mailFor(trip, "TRIP_WITHDRAWN"))
        .as("the unit's heads and the office hear of it")
        .containsExactlyInAnyOrder("li.na@trips.example", "wang.fang@trips.example");
    // the reason came as a transient variable: never stored, so never a client's write
    Assertions.assertThat(
            engine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(trip.getId())
                .variableName("withdrawalRequestReason")
                .count())
        .isZero();
    Assertions.assertThat(
            jdbc.queryForObject(
                "SELECT status FROM trip_registry WHERE process_instance_id = ?",
                String.class,
                trip.getId()))
        .isEqualTo("WITHDRAWN");
  }

  @Test
  void applicantWithdrawsInsteadOfRevising() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.review(trip, "sendBack", "日程不清楚");
    assertThat(trip).isWaitingAt(REVISE_TRIP_REQUEST);

    driver.withdraw(withdrawals, trip, "不再出访");

    assertThat(trip).isEnded().hasPassed(TRIP_WITHDRAWN);
    Assertions.assertThat(
            engine.getTaskService().createTaskQuery().processInstanceId(trip.getId()).count())
        .isZero();
  }

  @Test
  void applicantWithdrawsDuringThePreTripDisclosure() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAllLevels(trip);
    assertThat(trip).isWaitingAt(PRE_TRIP_DISCLOSURE_ENDED);

    driver.withdraw(withdrawals, trip, "邀请方取消会议");

    assertThat(trip).isEnded().hasPassed(TRIP_WITHDRAWN).hasNotPassed(ISSUE_APPROVAL_NUMBER);
    Assertions.assertThat(
            engine.getManagementService().createJobQuery().processInstanceId(trip.getId()).count())
        .isZero();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "   "})
  void refusesAWithdrawalWithoutAReason(String reason) {
    ProcessInstance trip = driver.submit(aTrip().build());
    assertThatThrownBy(() -> driver.withdraw(withdrawals, trip, reason))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("reason")
        .hasMessageContaining("say why the trip is withdrawn");
    assertThat(trip).isWaitingAt(REVIEW_TRIP_REQUEST);
  }

  @Test
  void refusesAWithdrawalOfAnotherApplicantsTrip() {
    ProcessInstance trip = driver.submit(aTrip().build());
    assertThatThrownBy(() -> withdrawals.withdraw(trip.getId(), "sun.li", "不是我的"))
        .isInstanceOfSatisfying(
            Refusal.class, refusal -> Assertions.assertThat(refusal.status()).isEqualTo(404));
    assertThatThrownBy(() -> withdrawals.withdraw("no-such-trip", "zhang.wei", "没有这次出访"))
        .isInstanceOfSatisfying(
            Refusal.class, refusal -> Assertions.assertThat(refusal.status()).isEqualTo(404));
    assertThat(trip).isWaitingAt(REVIEW_TRIP_REQUEST);
  }

  @Test
  void theWithdrawalMessageWithoutAReasonFailsWhoeverSendsIt() {
    ProcessInstance trip = driver.submit(aTrip().build());
    assertThatThrownBy(
            () ->
                engine
                    .getRuntimeService()
                    .createMessageCorrelation(WITHDRAWAL_REQUESTED)
                    .processInstanceId(trip.getId())
                    .correlate())
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("say why the trip is withdrawn");
    assertThat(trip).isWaitingAt(REVIEW_TRIP_REQUEST);
  }

  @Test
  void noWithdrawalAfterDeparture() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);
    assertThat(trip).isWaitingAt(AWAIT_DEPARTURE_OR_CHANGE);

    driver.fireTimer(trip, DEPARTURE_DAY_REACHED);

    assertThat(trip).isWaitingAt(TRIP_RETURNED);
    assertThatThrownBy(() -> driver.withdraw(withdrawals, trip, "太晚了 too late"))
        .isInstanceOfSatisfying(
            Refusal.class, refusal -> Assertions.assertThat(refusal.status()).isEqualTo(409))
        .hasMessageContaining("can no longer be withdrawn");
    assertThat(trip).isWaitingAt(TRIP_RETURNED);
    Assertions.assertThat(historicVariable(trip, "decisions")).doesNotContain("withdraw");
  }

  @Test
  void remindsTheApplicantBeforeTheReportIsDueWithoutClosingTheTask() {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAndTravel(trip);
    Assertions.assertThat(driver.openTask(trip, FILE_TRIP_REPORT).getPriority()).isEqualTo(50);

    driver.fireTimer(trip, REPORT_REMINDER_DUE);

    assertThat(trip).isWaitingAt(FILE_TRIP_REPORT).hasPassed("remindApplicantOfReport");
    Assertions.assertThat(driver.openTask(trip, FILE_TRIP_REPORT).getPriority())
        .isEqualTo(ReportReminder.URGENT);
  }

  @Test
  void remindsOnTheDueDayAndEscalatesAnOverdueReportToTheUnitHeadAndTheForeignAffairsOffice() {
    // members of their own: with the report left overdue, they may not be in another request of
    // these tests
    ProcessInstance trip =
        driver.submit(
            aTrip()
                .members(
                    List.of(
                        new TripRequest.Member("赵六", "副处长", TripRequest.Rank.division),
                        new TripRequest.Member("钱七", "翻译", TripRequest.Rank.staff)))
                .build());
    driver.approveAndTravel(trip);

    driver.fireTimer(trip, REPORT_DUE_TODAY);
    driver.fireTimer(trip, REPORT_OVERDUE);

    assertThat(trip)
        .isWaitingAt(FILE_TRIP_REPORT)
        .hasPassed("remindApplicantReportDueToday", ESCALATE_OVERDUE_REPORT);
    Assertions.assertThat(mailFor(trip, "REPORT_DUE_TODAY"))
        .containsExactly("zhang.wei@trips.example");
    Assertions.assertThat(mailFor(trip, "REPORT_OVERDUE"))
        .containsExactly("zhang.wei@trips.example");
    Assertions.assertThat(mailFor(trip, "REPORT_OVERDUE_ESCALATION"))
        .containsExactlyInAnyOrder("li.na@trips.example", "wang.fang@trips.example");
  }

  @Test
  void escalatesAReviewThatTakesTooLongWithoutStoppingIt() {
    ProcessInstance trip = driver.submit(aTrip().build());

    driver.fireTimer(trip, REVIEW_OVERDUE);

    assertThat(trip).isWaitingAt(REVIEW_TRIP_REQUEST).hasPassed("escalateOverdueReview");
    Assertions.assertThat(mailFor(trip, "REVIEW_OVERDUE_ESCALATION"))
        .containsExactlyInAnyOrder("li.na@trips.example", "wang.fang@trips.example");
    driver.approveAllLevels(trip);
    assertThat(trip).isWaitingAt(PRE_TRIP_DISCLOSURE_ENDED);
  }

  @Test
  void notificationsRollBackWithTheStepThatWroteThem() {
    ProcessInstance trip = driver.submit(aTrip().build());
    int before = outbox.forTrip(trip.getId()).size();

    transactions.executeWithoutResult(
        status -> {
          driver.review(trip, "approve", "");
          Assertions.assertThat(outbox.forTrip(trip.getId())).hasSizeGreaterThan(before);
          status.setRollbackOnly();
        });

    Assertions.assertThat(outbox.forTrip(trip.getId())).hasSize(before);
    Assertions.assertThat(driver.reviewLevel(trip)).isEqualTo("unitHead");
    driver.review(trip, "approve", "");
    Assertions.assertThat(mailFor(trip, "REVIEW_APPROVED"))
        .containsExactly("zhang.wei@trips.example");
  }

  private List<String> mailFor(ProcessInstance trip, String kind) {
    return outbox.forTrip(trip.getId()).stream()
        .filter(m -> m.kind().equals(kind))
        .map(OutboxMessage::recipient)
        .toList();
  }

  @Test
  void verifierSendsTheReportBackAndTheApplicantFilesItAgain() {
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    driver.fileReport(trip, TripDriver.reportFor(request));

    driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "sendBack", "请补充经费使用情况");
    assertThat(trip).isWaitingAt(FILE_TRIP_REPORT);

    driver.fileReport(trip, TripDriver.reportFor(request));
    driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "accept", "");
    driver.fireTimer(trip, POST_TRIP_DISCLOSURE_ENDED);
    assertThat(trip).isEnded().hasPassed(TRIP_CLOSED);
  }

  @Test
  void aReportSentBackAfterItsDueDayIsDueAgainDaysLaterInsteadOfOverdueAtOnce() {
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    driver.fileReport(trip, TripDriver.reportFor(request));
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    LocalDate sentBack = request.returnDate().plusDays(40); // its first due day (30) is over
    ClockUtil.setCurrentTime(Date.from(sentBack.atTime(10, 0).atZone(zone).toInstant()));
    try {
      driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "sendBack", "请补充经费使用情况");
    } finally {
      ClockUtil.reset();
    }

    // due by the end of the 5th working day after the send-back (trips.report-refile-working-days)
    LocalDate dueDay = workingDays.plusWorkingDays(sentBack, 5);
    Assertions.assertThat(timerDue(trip, REPORT_REMINDER_DUE))
        .isEqualTo(sentBack.plusDays(1).atStartOfDay(zone).toInstant());
    Assertions.assertThat(timerDue(trip, REPORT_DUE_TODAY))
        .isEqualTo(dueDay.atStartOfDay(zone).toInstant());
    Assertions.assertThat(timerDue(trip, REPORT_OVERDUE))
        .isEqualTo(dueDay.plusDays(1).atStartOfDay(zone).toInstant());
    Assertions.assertThat(driver.openTask(trip, FILE_TRIP_REPORT).getDueDate().toInstant())
        .isEqualTo(dueDay.plusDays(1).atStartOfDay(zone).toInstant());
  }

  private Instant timerDue(ProcessInstance trip, String activityId) {
    return engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(trip.getId())
        .activityId(activityId)
        .singleResult()
        .getDuedate()
        .toInstant();
  }

  @Test
  void refusesAReportThatLeavesAPlannedTaskWithoutAResult() {
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    var report = TripDriver.reportFor(request);
    var incomplete =
        new TripReport(
            report.actualDepartureDate(),
            report.actualReturnDate(),
            report.actualCountries(),
            report.taskResults().subList(0, 1),
            report.spending(),
            null,
            report.passportReturnedOn(),
            null);

    assertThatThrownBy(() -> driver.fileReport(trip, incomplete))
        .isInstanceOf(InvalidSubmissionException.class)
        .hasMessageContaining("taskResults");
    assertThat(trip).isWaitingAt(FILE_TRIP_REPORT);
  }

  @Test
  void issuesConsecutiveApprovalNumbersOncePerTrip() {
    ProcessInstance first = driver.submit(aTrip().build());
    ProcessInstance second = driver.submit(aTrip().build());
    for (ProcessInstance trip : List.of(first, second)) {
      driver.approveAllLevels(trip);
      driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);
    }
    String a = (String) engine.getRuntimeService().getVariable(first.getId(), "approvalNumber");
    String b = (String) engine.getRuntimeService().getVariable(second.getId(), "approvalNumber");
    Assertions.assertThat(Integer.parseInt(b.replaceAll(".*〕(\\d+)号", "$1")))
        .isEqualTo(Integer.parseInt(a.replaceAll(".*〕(\\d+)号", "$1")) + 1);
  }

  @Test
  void aStepThatFailsAfterItsNumberIsGivenTheSameNumberWhenRetriedAndNoNumberIsSkipped() {
    String trip = "rolled-back-" + UUID.randomUUID();
    String other = "next-" + UUID.randomUUID();
    String[] taken = new String[1];
    // the step's transaction fails after the number was taken (as a failing document or notice
    // would): the number stays with its trip, committed on its own
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      taken[0] = approvalNumbers.issue(trip);
                      throw new IllegalStateException("the step fails after its number");
                    }))
        .hasMessageContaining("fails after its number");
    String retried = transactions.execute(status -> approvalNumbers.issue(trip));
    String next = transactions.execute(status -> approvalNumbers.issue(other));

    Assertions.assertThat(retried).isEqualTo(taken[0]);
    Assertions.assertThat(sequenceOf(next)).isEqualTo(sequenceOf(retried) + 1);
    Assertions.assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM approval_number WHERE process_instance_id = ?",
                Integer.class,
                trip))
        .isEqualTo(1);
  }

  private static int sequenceOf(String approvalNumber) {
    return Integer.parseInt(approvalNumber.replaceAll(".*〕(\\d+)号", "$1"));
  }

  @Test
  void numbersATripWhenItIsSubmittedAndNamesItByThatNumberEverywhere() {
    ProcessInstance first = driver.submit(aTrip().build());
    String number = first.getBusinessKey();
    Assertions.assertThat(number).matches("省商务厅-" + LocalDate.now(clock).getYear() + "-\\d{4}");
    Assertions.assertThat(engine.getRuntimeService().getVariable(first.getId(), "requestNumber"))
        .isEqualTo(number);
    Assertions.assertThat(
            jdbc.queryForObject(
                "SELECT request_number FROM trip_registry WHERE process_instance_id = ?",
                String.class,
                first.getId()))
        .isEqualTo(number);
    // Tasklist's search "Process Instance Business Key" finds the trip's task by its number, and
    // its list shows the number in each task's name
    Task review =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceBusinessKey(number)
            .taskDefinitionKey(REVIEW_TRIP_REQUEST)
            .singleResult();
    Assertions.assertThat(review.getProcessInstanceId()).isEqualTo(first.getId());
    // and the applicant, the countries and the dates: a list of several trips tells them apart
    Assertions.assertThat(review.getName())
        .startsWith("Review trip request 审核出国申请 · " + number + " · 张伟")
        .contains("日本 Japan", "年");

    // sent back and revised, the trip keeps its number, as the engine's history does
    driver.review(first, "sendBack", "请补充议题");
    driver.revise(first, aTrip().build());
    assertThat(first).isWaitingAt(REVIEW_TRIP_REQUEST);
    Assertions.assertThat(
            engine.getTaskService().createTaskQuery().processInstanceId(first.getId()).list())
        .extracting(task -> task.getName().substring(0, task.getName().indexOf(" · 张伟")))
        .containsExactly("Review trip request 审核出国申请 · " + number);
    Assertions.assertThat(
            engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(first.getId())
                .singleResult()
                .getBusinessKey())
        .isEqualTo(number);
    Assertions.assertThat(
            engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(first.getId())
                .singleResult()
                .getBusinessKey())
        .isEqualTo(number);

    // every mail about the trip names it by its number, in the subject and in both bodies
    List<OutboxMessage> mail = outbox.forTrip(first.getId());
    Assertions.assertThat(mail)
        .extracting(OutboxMessage::kind)
        .contains("TASK_ASSIGNED", "TRIP_SENT_BACK");
    Assertions.assertThat(mail)
        .allSatisfy(
            message -> {
              Assertions.assertThat(message.subject()).containsOnlyOnce(number);
              Assertions.assertThat(message.bodyText()).contains("申请编号 Request number: " + number);
              Assertions.assertThat(message.bodyHtml()).contains(number);
            });

    // a submission that fails after it was numbered leaves its number unused, accounted for with
    // the id of the trip that never started
    String failed =
        transactions.execute(
            status -> {
              ProcessInstance rolledBack = driver.submit(aTrip().build());
              status.setRollbackOnly();
              return rolledBack.getId();
            });
    Assertions.assertThat(
            jdbc.queryForObject(
                "SELECT request_number FROM request_number WHERE process_instance_id = ?",
                String.class,
                failed))
        .isEqualTo(next(number));
    Assertions.assertThat(
            engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(failed)
                .count())
        .isZero();
    // a business key the client sends is replaced by the next number
    ProcessInstance second = driver.submit(aTrip().build(), "我自己的编号 my own key");
    Assertions.assertThat(second.getBusinessKey()).isEqualTo(next(next(number)));
    Assertions.assertThat(engine.getRuntimeService().getVariable(second.getId(), "requestNumber"))
        .isEqualTo(next(next(number)));
  }

  private static String next(String requestNumber) {
    int dash = requestNumber.lastIndexOf('-');
    return requestNumber.substring(0, dash + 1)
        + String.format("%04d", Integer.parseInt(requestNumber.substring(dash + 1)) + 1);
  }

  @Test
  void aReviewerOfAnotherUnitDoesNotSeeTheTask() {
    ProcessInstance trip = driver.submit(aTrip().build());
    long seenByOtherUnitHead =
        driver.as(
            "zhou.qiang",
            () ->
                engine.getTaskService().createTaskQuery().processInstanceId(trip.getId()).count());
    long seenByOwnUnitHead =
        driver.as(
            "li.na",
            () ->
                engine.getTaskService().createTaskQuery().processInstanceId(trip.getId()).count());
    Assertions.assertThat(seenByOtherUnitHead).isZero();
    Assertions.assertThat(seenByOwnUnitHead).isEqualTo(1);
  }

  private String historicVariable(ProcessInstance trip, String name) {
    return engine
        .getHistoryService()
        .createHistoricVariableInstanceQuery()
        .processInstanceId(trip.getId())
        .variableName(name)
        .singleResult()
        .getValue()
        .toString();
  }

  @Test
  void theRegistryAndTheTrailFollowTheTripToClosed() {
    TripRequest request = aTrip().countries("JP", "KR").days(6).build();
    ProcessInstance trip = driver.submit(request);
    driver.review(trip, "sendBack", "请补充议题");
    driver.revise(trip, request);
    driver.approveAndTravel(trip);
    driver.fireTimer(trip, REPORT_OVERDUE);
    driver.fileReport(trip, TripDriver.reportFor(request));
    driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "accept", "");
    driver.fireTimer(trip, POST_TRIP_DISCLOSURE_ENDED);

    Map<String, Object> row =
        jdbc.queryForMap("SELECT * FROM trip_registry WHERE process_instance_id = ?", trip.getId());
    Assertions.assertThat(row)
        .containsEntry("STATUS", "CLOSED")
        .containsEntry("APPLICANT", "zhang.wei")
        .containsEntry("UNIT", "commerce")
        .containsEntry("REPORT_STATUS", "ACCEPTED")
        .containsEntry("LAST_DECISION", "accept")
        .containsEntry("DELEGATION_SIZE", 2);
    Assertions.assertThat((String) row.get("APPROVAL_NUMBER")).startsWith("外办");
    Assertions.assertThat(
            jdbc.queryForList(
                "SELECT country FROM trip_country WHERE process_instance_id = ? ORDER BY country",
                String.class,
                trip.getId()))
        .containsExactly("JP", "KR");
    Assertions.assertThat(
            jdbc.queryForList(
                "SELECT name FROM trip_member WHERE process_instance_id = ? ORDER BY member_index",
                String.class,
                trip.getId()))
        .containsExactly("张伟", "王小明");

    List<AuditTrail.TrailEntry> entries = trail.forTrip(trip.getId());
    Assertions.assertThat(entries)
        .extracting(e -> e.event())
        .contains(
            "trip.submitted",
            "variable.create",
            "variable.update",
            "task.create",
            "task.complete",
            "operation.Claim",
            "activity.completed",
            "trip.ended");
    Assertions.assertThat(entries)
        .anyMatch(e -> "operation.Claim".equals(e.event()) && "li.na".equals(e.actor()));
    Assertions.assertThat(entries)
        .anyMatch(e -> "variable.update".equals(e.event()) && e.details().contains("请补充议题"));
    Assertions.assertThat(entries)
        .anyMatch(
            e ->
                "activity.completed".equals(e.event())
                    && e.details().contains("\"activity\":\"departureDayReached\""));
    Assertions.assertThat(entries)
        .anyMatch(e -> e.details().contains("invitation.pdf") && e.details().contains("sha256"));
    Assertions.assertThat(trail.verify().intact()).isTrue();
  }

  @Test
  void aRolledBackStepLeavesNothingInTheTrail() {
    ProcessInstance trip = driver.submit(aTrip().build());
    int before = trail.forTrip(trip.getId()).size();
    transactions.executeWithoutResult(
        status -> {
          driver.review(trip, "approve", "");
          status.setRollbackOnly();
        });
    Assertions.assertThat(trail.forTrip(trip.getId())).hasSize(before);
    Assertions.assertThat(trail.verify().intact()).isTrue();
  }

  @Test
  void roleGroupsCarryTheirNamesForAdministrators() {
    Assertions.assertThat(
            engine
                .getIdentityService()
                .createGroupQuery()
                .groupId("applicants")
                .singleResult()
                .getName())
        .isEqualTo("申请人 Applicants");
    Assertions.assertThat(
            engine
                .getIdentityService()
                .createGroupQuery()
                .groupId("unit-heads")
                .singleResult()
                .getName())
        .isEqualTo("单位负责人 Unit heads");
  }

  @Test
  void everyBeanThatTheModelCallsExists() throws Exception {
    String bpmn = Files.readString(Path.of("bpmn/overseas-trip.bpmn"));
    Set<String> beans = new TreeSet<>();
    Matcher calls =
        Pattern.compile("delegateExpression=\"\\$\\{(\\w+)\\}\"|\\$\\{(\\w+)\\.\\w+\\(")
            .matcher(bpmn);
    while (calls.find()) {
      beans.add(calls.group(1) != null ? calls.group(1) : calls.group(2));
    }
    Assertions.assertThat(beans)
        .contains("tripRequestIntake", "tripDeadlines", "reviewRouting", "decisionRecorder");
    Assertions.assertThat(beans)
        .allSatisfy(bean -> Assertions.assertThat(context.containsBean(bean)).as(bean).isTrue());
  }

  @Test
  void aMemberOfTheDelegationCannotClaimOrCompleteItsReviewAndTheRefusalIsInTheTrail() {
    ProcessInstance trip =
        driver.submit(
            aTrip()
                .members(
                    List.of(
                        new TripRequest.Member("张伟", "副处长", TripRequest.Rank.division),
                        new TripRequest.Member("李 娜", "处长", TripRequest.Rank.division)))
                .build());
    Task review = driver.openTask(trip, REVIEW_TRIP_REQUEST);

    assertThatThrownBy(
            () ->
                driver.as(
                    "li.na",
                    () -> {
                      engine.getTaskService().claim(review.getId(), "li.na");
                      return null;
                    }))
        .hasRootCauseInstanceOf(FourEyesViolation.class)
        .rootCause()
        .hasMessageContaining("li.na travels on this trip");
    Assertions.assertThat(driver.openTask(trip, REVIEW_TRIP_REQUEST).getAssignee()).isNull();
    // completing without a claim is refused too, in the engine, whatever client is used
    assertThatThrownBy(
            () ->
                driver.as(
                    "li.na",
                    () -> {
                      engine
                          .getFormService()
                          .submitTaskForm(
                              review.getId(), Map.of("decision", "approve", "decisionReason", ""));
                      return null;
                    }))
        .hasRootCauseInstanceOf(FourEyesViolation.class);
    assertThat(trip).isWaitingAt(REVIEW_TRIP_REQUEST);
    Assertions.assertThat(trail.forTrip(trip.getId()))
        .filteredOn(e -> e.event().equals("fourEyes.refused"))
        .extracting(e -> e.actor() + " " + e.details())
        .containsExactly(
            "li.na {\"task\":\"reviewTripRequest\",\"taskId\":\""
                + review.getId()
                + "\",\"action\":\"claim\",\"reason\":\"member\"}",
            "li.na {\"task\":\"reviewTripRequest\",\"taskId\":\""
                + review.getId()
                + "\",\"action\":\"complete\",\"reason\":\"member\"}");
    Assertions.assertThat(trail.verify().intact()).isTrue();
  }

  @Test
  void theApplicantCannotBeMadeTheVerifierOfTheirOwnReport() {
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    driver.fileReport(trip, TripDriver.reportFor(request));
    Task verify = driver.openTask(trip, VERIFY_TRIP_REPORT);

    assertThatThrownBy(
            () -> engine.getTaskService().setAssignee(verify.getId(), TripDriver.APPLICANT))
        .hasRootCauseInstanceOf(FourEyesViolation.class)
        .rootCause()
        .hasMessageContaining("zhang.wei applied for this trip");
    Assertions.assertThat(driver.openTask(trip, VERIFY_TRIP_REPORT).getAssignee()).isNull();
    driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "accept", "");
    assertThat(trip).isWaitingAt(POST_TRIP_DISCLOSURE_ENDED);
  }

  /**
   * The gateways read values only the decision recorder and the rule check write, so no client can
   * bring an unexpected one to them; a copy of the model under another key (outside the trip's
   * guards) shows what the gateways themselves do with one: fail, never take a way by default.
   */
  @ParameterizedTest(name = "{0} with {1} = {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "reviewOutcomeGateway, outcome, maybe",
        "reviewOutcomeGateway, outcome, null",
        "verificationGateway, outcome, approve",
        "blockingFindingsGateway, hasBlockingFindings, null"
      })
  void anUnexpectedValueAtAGatewayFailsInsteadOfApproving(
      String gateway, String variable, String value) throws Exception {
    String probe = "unexpected-value-probe";
    String model =
        Files.readString(Path.of("bpmn", "overseas-trip.bpmn"))
            .replace("\"" + KEY + "\"", "\"" + probe + "\"");
    Deployment deployment =
        engine
            .getRepositoryService()
            .createDeployment()
            .name(probe)
            .addString(probe + ".bpmn", model)
            .deploy();
    try {
      // by id: the guard takes a start by key alone for a trip's (it fails closed)
      String definitionId =
          engine
              .getRepositoryService()
              .createProcessDefinitionQuery()
              .deploymentId(deployment.getId())
              .singleResult()
              .getId();
      Map<String, Object> values = new HashMap<>();
      values.put(variable, value);
      assertThatThrownBy(
              () ->
                  engine
                      .getRuntimeService()
                      .createProcessInstanceById(definitionId)
                      .startBeforeActivity(gateway)
                      .setVariables(values)
                      .execute())
          .hasMessageContaining("No outgoing sequence flow")
          .hasMessageContaining(gateway);
      Assertions.assertThat(
              engine
                  .getRuntimeService()
                  .createProcessInstanceQuery()
                  .processDefinitionKey(probe)
                  .count())
          .as("nothing went on: no disclosure, no approval number")
          .isZero();
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void aTripWhoseDisclosureWouldEndAfterDepartureGoesBackAndNeverDeparts() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
    // submitted in time, but the reviews take until three days before departure
    TripDeadlines deadlines = context.getBean(TripDeadlines.class);
    LocalDate departure = today.plusDays(40);
    ProcessInstance trip = driver.submit(aTrip().departingOn(departure).build());
    deadlines.asOf(
        departure.minusDays(3),
        () -> {
          driver.approveAllLevels(trip);
          return null;
        });
    assertThat(trip).isWaitingAt(REVISE_TRIP_REQUEST);
    Assertions.assertThat(assertThat(trip).isNotEnded().variables().actual().get("findings"))
        .asString()
        .contains("leadTime", "晚于出发日期" + departure, "move the dates later");
    Assertions.assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(trip.getId())
                .activityId(PRE_TRIP_DISCLOSURE_ENDED)
                .count())
        .as("the disclosure never started, the trip never reached departure")
        .isZero();

    driver.revise(trip, aTrip().departingOn(today.plusDays(60)).build());
    driver.approveAllLevels(trip);
    assertThat(trip).isWaitingAt(PRE_TRIP_DISCLOSURE_ENDED);
  }

  @Test
  void theDisclosureEndsInTimeWhenItsLastWorkingDayIsTheDayBeforeDeparture() {
    TripDeadlines deadlines = context.getBean(TripDeadlines.class);
    LocalDate firstFree =
        LocalDate.parse(deadlines.day(deadlines.preTripDisclosureEnd())).plusDays(1);
    Assertions.assertThat(deadlines.disclosureEndsBeforeDeparture(firstFree.toString())).isTrue();
    Assertions.assertThat(
            deadlines.disclosureEndsBeforeDeparture(firstFree.minusDays(1).toString()))
        .isFalse();
  }
}
