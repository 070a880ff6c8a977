package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
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
import org.tripapproval.config.InvalidParameterException;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;

/** A unit head away names a substitute: the tasks reach the substitute, whose decisions say for whom. */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD) // substitutions must not outlive a test
class SubstitutesTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired Substitutes substitutes;
  @Autowired AuditTrail trail;
  @Autowired JdbcTemplate jdbc;
  TripDriver driver;
  LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

  @BeforeEach
  void setUp() {
    driver = new TripDriver(engine, mapper);
  }

  @Test
  void theSubstituteGetsNewTasksHearsOfThemAndDecidesOnBehalfOfTheAbsentReviewer() {
    substitutes.name("li.na", "zhou.qiang", today, today.plusDays(10));
    ProcessInstance trip = driver.submit(aTrip().build());
    Task review = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);

    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).taskCandidateUser("zhou.qiang").count())
        .isEqualTo(1);
    assertThat(jdbc.queryForList("SELECT recipient FROM notification_outbox WHERE process_instance_id = ? AND kind = 'TASK_ASSIGNED'",
        String.class, trip.getId())).contains("zhou.qiang@trips.example", "li.na@trips.example");

    driver.decide("zhou.qiang", trip, TripProcess.REVIEW_TRIP_REQUEST, "approve", "代为同意 agreed for li.na");
    ApprovalDecision decision = List.of(mapper.convertValue(mapper.valueToTree(
        readDecisions(trip)), ApprovalDecision[].class)).get(0);
    assertThat(decision.decidedBy()).isEqualTo("zhou.qiang");
    assertThat(decision.onBehalfOf()).isEqualTo("li.na");
    assertThat(trail.forTrip(trip.getId())).anySatisfy(entry ->
        assertThat(entry.details()).contains("\\\"decidedBy\\\":\\\"zhou.qiang\\\"", "\\\"onBehalfOf\\\":\\\"li.na\\\""));

    // the next level belongs to the foreign affairs office, who named nobody
    Task next = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);
    assertThat(engine.getTaskService().createTaskQuery().taskId(next.getId()).taskCandidateUser("zhou.qiang").count()).isZero();
    driver.review(trip, "approve", "同意");
    assertThat(List.of(mapper.convertValue(mapper.valueToTree(readDecisions(trip)), ApprovalDecision[].class)).get(1).onBehalfOf())
        .isNull();
  }

  @Test
  void tasksAlreadyWaitingAreOfferedWhenTheSubstituteIsNamedAndFuturePeriodsWait() {
    ProcessInstance trip = driver.submit(aTrip().build());
    Task review = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);
    substitutes.name("li.na", "liu.yang", today.plusDays(3), today.plusDays(5));
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).taskCandidateUser("liu.yang").count()).isZero();

    substitutes.name("li.na", "zhou.qiang", today, today);
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).taskCandidateUser("zhou.qiang").count())
        .isEqualTo(1);
    assertThat(substitutes.of("li.na")).extracting(Substitutes.Substitution::substitute)
        .containsExactly("zhou.qiang", "liu.yang");
    assertThat(trail.verify().intact()).isTrue();
  }

  @Test
  void aSubstitutionMustNameSomeoneElseForAPeriodThatIsNotOverAndOnlyReviewersNameOne() {
    assertThatThrownBy(() -> substitutes.name("li.na", "li.na", today, today))
        .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("substitute:");
    assertThatThrownBy(() -> substitutes.name("li.na", "nobody.here", today, today))
        .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("substitute:");
    assertThatThrownBy(() -> substitutes.name("li.na", "zhou.qiang", today, today.minusDays(1)))
        .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("until:");
    assertThatThrownBy(() -> substitutes.name("li.na", "zhou.qiang", today.minusDays(9), today.minusDays(2)))
        .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("until:");
    assertThatThrownBy(() -> substitutes.name("li.na", "zhou.qiang", today, today.plusYears(2)))
        .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("until:");
    assertThatThrownBy(() -> substitutes.name("zhang.wei", "sun.li", today, today))
        .isInstanceOf(Substitutes.NotAReviewerException.class);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM substitution", Integer.class)).isZero();
  }

  private Object readDecisions(ProcessInstance trip) {
    try {
      return mapper.readTree(engine.getRuntimeService().getVariable(trip.getId(), "decisions").toString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
