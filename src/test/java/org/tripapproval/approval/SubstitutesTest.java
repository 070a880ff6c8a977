package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;

/**
 * A unit head away names a substitute: the tasks reach the substitute, whose decisions say for
 * whom.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext // the trips and mail of these tests must not reach the next class
class SubstitutesTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired Substitutes substitutes;
  @Autowired AuditTrail trail;
  @Autowired JdbcTemplate jdbc;
  TripDriver driver;
  LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  @BeforeEach
  void setUp() {
    driver = new TripDriver(engine, mapper);
    startFromNoSubstitutionAndNoWaitingTask();
  }

  /**
   * As on a new database: an earlier test's substitution must not outlive it, its trips' tasks
   * would be offered to a new substitute (and counted in what a substitute loses), and its
   * substitution-ended mail would be counted as this test's. Ending the trips removes the tasks
   * with the substitutes offered them.
   */
  private void startFromNoSubstitutionAndNoWaitingTask() {
    jdbc.update("DELETE FROM substitution");
    List<String> trips =
        engine.getRuntimeService().createProcessInstanceQuery().list().stream()
            .map(ProcessInstance::getId)
            .toList();
    if (!trips.isEmpty()) {
      engine.getRuntimeService().deleteProcessInstances(trips, "an earlier test's", true, true);
    }
    jdbc.update("DELETE FROM notification_outbox WHERE kind = 'SUBSTITUTION_ENDED'");
  }

  @Test
  void theSubstituteGetsNewTasksHearsOfThemAndDecidesOnBehalfOfTheAbsentReviewer() {
    substitutes.name("li.na", "zhou.qiang", today, today.plusDays(10));
    ProcessInstance trip = driver.submit(aTrip().build());
    Task review = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);

    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskId(review.getId())
                .taskCandidateUser("zhou.qiang")
                .count())
        .isEqualTo(1);
    assertThat(
            jdbc.queryForList(
                "SELECT recipient FROM notification_outbox WHERE process_instance_id = ? AND kind = 'TASK_ASSIGNED'",
                String.class,
                trip.getId()))
        .contains("zhou.qiang@trips.example", "li.na@trips.example");

    driver.decide(
        "zhou.qiang", trip, TripProcess.REVIEW_TRIP_REQUEST, "approve", "代为同意 agreed for li.na");
    ApprovalDecision decision =
        List.of(
                mapper.convertValue(
                    mapper.valueToTree(readDecisions(trip)), ApprovalDecision[].class))
            .get(0);
    assertThat(decision.decidedBy()).isEqualTo("zhou.qiang");
    assertThat(decision.onBehalfOf()).isEqualTo("li.na");
    assertThat(trail.forTrip(trip.getId()))
        .anySatisfy(
            entry ->
                assertThat(entry.details())
                    .contains(
                        "\\\"decidedBy\\\":\\\"zhou.qiang\\\"",
                        "\\\"onBehalfOf\\\":\\\"li.na\\\""));

    // the next level belongs to the foreign affairs office, who named nobody
    Task next = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskId(next.getId())
                .taskCandidateUser("zhou.qiang")
                .count())
        .isZero();
    driver.review(trip, "approve", "同意");
    assertThat(
            List.of(
                    mapper.convertValue(
                        mapper.valueToTree(readDecisions(trip)), ApprovalDecision[].class))
                .get(1)
                .onBehalfOf())
        .isNull();
  }

  @Test
  void tasksAlreadyWaitingAreOfferedWhenTheSubstituteIsNamedAndFuturePeriodsWait() {
    ProcessInstance trip = driver.submit(aTrip().build());
    Task review = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);
    substitutes.name("li.na", "zhou.qiang", today.plusDays(3), today.plusDays(5));
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskId(review.getId())
                .taskCandidateUser("zhou.qiang")
                .count())
        .isZero();

    substitutes.name("li.na", "zhou.qiang", today, today);
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskId(review.getId())
                .taskCandidateUser("zhou.qiang")
                .count())
        .isEqualTo(1);
    assertThat(substitutes.of("li.na"))
        .extracting(Substitutes.Substitution::startsOn)
        .containsExactly(today, today.plusDays(3));
    assertThat(trail.verify().intact()).isTrue();
  }

  @Test
  void aSubstitutionMustNameSomeoneElseForAPeriodThatIsNotOverAndOnlyReviewersNameOne() {
    assertThatThrownBy(() -> substitutes.name("li.na", "li.na", today, today))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("substitute:");
    assertThatThrownBy(() -> substitutes.name("li.na", "nobody.here", today, today))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("substitute:");
    assertThatThrownBy(() -> substitutes.name("li.na", "zhou.qiang", today, today.minusDays(1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("until:");
    assertThatThrownBy(
            () -> substitutes.name("li.na", "zhou.qiang", today.minusDays(9), today.minusDays(2)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("until:");
    assertThatThrownBy(() -> substitutes.name("li.na", "zhou.qiang", today, today.plusYears(2)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("until:");
    assertThatThrownBy(() -> substitutes.name("zhang.wei", "sun.li", today, today))
        .isInstanceOf(Substitutes.NotAReviewerException.class);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM substitution", Integer.class)).isZero();
  }

  @Test
  void theSubstituteMustAlreadyShareOneOfTheReviewersGroups() {
    assertThatThrownBy(() -> substitutes.name("li.na", "liu.yang", today, today.plusDays(3)))
        .as("finance does not review for a unit head")
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("substitute:")
        .hasMessageContaining("must be a member of one of your review groups");
    assertThatThrownBy(() -> substitutes.name("li.na", "zhang.wei", today, today.plusDays(3)))
        .as("an applicant of her own unit does not review at all")
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("substitute:");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM substitution", Integer.class)).isZero();
    // another unit's head reviews as she does
    assertThat(substitutes.name("li.na", "zhou.qiang", today, today.plusDays(3)).substitute())
        .isEqualTo("zhou.qiang");
  }

  @Test
  void aPeriodMayNotStartInThePast() {
    assertThatThrownBy(
            () -> substitutes.name("li.na", "zhou.qiang", today.minusDays(1), today.plusDays(3)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("from: 不能早于今天 / must not be in the past");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM substitution", Integer.class)).isZero();
  }

  @Test
  void cancellingTakesTheTasksBackEvenAClaimedOneAndTellsTheReviewersHead() {
    ProcessInstance trip = driver.submit(aTrip().build());
    Task review = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);
    Substitutes.Substitution named =
        substitutes.name("li.na", "zhou.qiang", today, today.plusDays(3));
    engine.getTaskService().claim(review.getId(), "zhou.qiang");

    assertThat(substitutes.cancel(named.id(), "li.na")).isTrue();

    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskId(review.getId())
                .taskCandidateUser("zhou.qiang")
                .includeAssignedTasks()
                .count())
        .as("no longer offered to the substitute")
        .isZero();
    Task after = engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult();
    assertThat(after.getAssignee()).as("back to li.na's group").isNull();
    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskId(review.getId())
                .taskCandidateGroup("unit-head-commerce")
                .count())
        .isEqualTo(1);
    assertThat(endedMailsTo()).containsExactly("li.na@trips.example");
    assertThat(
            jdbc.queryForObject(
                "SELECT details FROM audit_trail WHERE event = 'substitute.cancelled'",
                String.class))
        .contains("\"substitute\":\"zhou.qiang\"", "\"tasksWithdrawn\":1");
    assertThat(trail.verify().intact()).isTrue();
  }

  @Test
  void whenThePeriodIsOverTheSubstituteLosesTheTasksAndTheHeadIsToldOnce() {
    ProcessInstance trip = driver.submit(aTrip().build());
    Task review = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);
    Substitutes.Substitution named = substitutes.name("li.na", "zhou.qiang", today, today);
    // the period ran out: its last day was yesterday
    jdbc.update(
        "UPDATE substitution SET starts_on = ?, ends_on = ? WHERE id = ?",
        Date.valueOf(today.minusDays(1)),
        Date.valueOf(today.minusDays(1)),
        named.id());

    substitutes.endPeriodsThatAreOver();
    substitutes.endPeriodsThatAreOver();

    assertThat(
            engine
                .getTaskService()
                .createTaskQuery()
                .taskId(review.getId())
                .taskCandidateUser("zhou.qiang")
                .count())
        .as("the substitute no longer has li.na's task")
        .isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM substitution", Integer.class)).isZero();
    assertThat(endedMailsTo())
        .as("the head of li.na's unit, once")
        .containsExactly("li.na@trips.example");
    assertThat(
            jdbc.queryForObject(
                "SELECT body_text FROM notification_outbox WHERE kind = 'SUBSTITUTION_ENDED'",
                String.class))
        .contains(
            "代理已结束",
            "Substitution ended",
            "周强代理李娜",
            "已到期，周强已从1项任务中移除。",
            "The substitution of 周强 for 李娜",
            "is over; 周强 was taken off 1 tasks.")
        .as("names, not user ids")
        .doesNotContain("li.na", "zhou.qiang");
    assertThat(
            jdbc.queryForObject(
                "SELECT actor FROM audit_trail WHERE event = 'substitute.ended'", String.class))
        .isEqualTo("system");
    // the trip itself goes on with li.na's group
    driver.review(trip, "approve", "同意");
  }

  private List<String> endedMailsTo() {
    return jdbc.queryForList(
        "SELECT recipient FROM notification_outbox WHERE kind = 'SUBSTITUTION_ENDED'",
        String.class);
  }

  private Object readDecisions(ProcessInstance trip) {
    try {
      return mapper.readTree(
          engine.getRuntimeService().getVariable(trip.getId(), "decisions").toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
