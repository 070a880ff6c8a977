package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.calendar.WorkingDays;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripDeadlines;
import org.tripapproval.trip.TripProcess;

/**
 * A deadline counted over a year without a working-day calendar is marked provisional in the trail;
 * loading that year's calendar moves the waiting timer to the date the calendar gives, in the trail
 * too.
 */
@SpringBootTest
@ActiveProfiles("test")
class DeadlineRecountTest {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  // no calendar ships for 2031; Monday 3 March 2031
  static final LocalDate SUBMITTED_ON = LocalDate.of(2031, 3, 3);

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired TripDeadlines deadlines;
  @Autowired WorkingDays workingDays;
  @Autowired AuditTrail trail;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void backToToday() {
    ClockUtil.reset();
    jdbc.update(
        "DELETE FROM work_calendar_day WHERE calendar_day >= ? AND calendar_day <= ?",
        LocalDate.of(2031, 1, 1),
        LocalDate.of(2031, 12, 31));
  }

  @Test
  void loadingTheCalendarMovesAProvisionalReviewTimerToItsRightDate() {
    TripDriver driver = new TripDriver(engine, mapper);
    ClockUtil.setCurrentTime(Date.from(SUBMITTED_ON.atTime(10, 0).atZone(ZONE).toInstant()));
    ProcessInstance trip = deadlines.asOf(SUBMITTED_ON, () -> driver.submit(aTrip().build()));

    // five working days, Monday to Friday only: Tuesday 4 to Monday 10 March
    assertThat(reviewOverdueDay(trip)).isEqualTo("2031-03-10");
    List<AuditTrail.TrailEntry> provisional = entries(trip, "deadline.provisional");
    assertThat(provisional)
        .as("the review's due date and its overdue timer")
        .hasSize(2)
        .allSatisfy(
            entry ->
                assertThat(entry.details())
                    .contains("\"dueDay\":\"2031-03-10\"", "\"yearsWithoutCalendar\":[2031]"));
    assertThat(entries(trip, "deadline.moved")).isEmpty();

    // the 2031 notice makes Wednesday 5 March a holiday
    workingDays.load(2031, "date,kind,name\n2031-03-05,HOLIDAY,测试假日\n");

    assertThat(reviewOverdueDay(trip)).isEqualTo("2031-03-11");
    assertThat(entries(trip, "deadline.moved"))
        .singleElement()
        .satisfies(
            entry ->
                assertThat(entry.details())
                    .contains(
                        "\"activity\":\"" + TripProcess.REVIEW_OVERDUE + "\"",
                        "\"from\":\"2031-03-10\"",
                        "\"to\":\"2031-03-11\""));

    // counted again with nothing changed, nothing moves
    workingDays.load(2031, "date,kind,name\n2031-03-05,HOLIDAY,测试假日\n");
    assertThat(entries(trip, "deadline.moved")).hasSize(1);
  }

  private String reviewOverdueDay(ProcessInstance trip) {
    Job timer =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(trip.getId())
            .activityId(TripProcess.REVIEW_OVERDUE)
            .singleResult();
    return ZonedDateTime.ofInstant(timer.getDuedate().toInstant(), ZONE)
        .minusSeconds(1)
        .toLocalDate()
        .toString();
  }

  private List<AuditTrail.TrailEntry> entries(ProcessInstance trip, String event) {
    return trail.forTrip(trip.getId()).stream().filter(e -> e.event().equals(event)).toList();
  }
}
