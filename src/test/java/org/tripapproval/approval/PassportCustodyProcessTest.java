package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.calendar.WorkingDays;
import org.tripapproval.notification.Outbox;
import org.tripapproval.notification.OutboxMessage;
import org.tripapproval.people.Passports;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripDeadlines;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.Member;
import org.tripapproval.trip.TripRequest.Rank;
import org.tripapproval.trip.TripVariables;

/**
 * passport-custody.bpmn (ADR 0021), one instance per passport out, timers fired by hand (the job
 * executor is off in tests): the reminder the working day before the due day, the escalation once
 * the due day has passed, the hand-back that ends it, and a due day that moves with the trip.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext // passports, custody and trips stay behind
class PassportCustodyProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired Passports passports;
  @Autowired PassportCustody custody;
  @Autowired Outbox outbox;
  @Autowired AuditTrail trail;
  @Autowired WorkingDays workingDays;
  @Autowired TripDeadlines deadlines;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    driver = new TripDriver(engine, mapper);
  }

  @Test
  void theWorkingDayBeforeTheDueDayTheApplicantAndTheHolderAreReminded() {
    ProcessInstance trip = approvedTripWith("周强", "JY0003", "SE0003001");
    Passports.Custody out =
        custody.release(trip.getId(), "JY0003", "SE0003001", "周强本人", "wang.fang");
    ProcessInstance watch = watchOf(trip, "JY0003");
    assertThat(watch.getBusinessKey()).isEqualTo(trip.getId() + "/JY0003");

    Job reminder = timer(watch, TripProcess.PASSPORT_DUE_SOON);
    LocalDate reminderDay = workingDays.minusWorkingDays(out.dueBack(), 1);
    assertThat(reminderDay).isBefore(out.dueBack());
    assertThat(workingDays.isWorkingDay(reminderDay)).isTrue();
    assertThat(reminder.getDuedate()).isEqualTo(deadlines.startOf(reminderDay.toString()));
    assertThat(sent(trip, "PASSPORT_DUE_SOON")).as("nothing before the day").isEmpty();

    engine.getManagementService().executeJob(reminder.getId());

    assertThat(sent(trip, "PASSPORT_DUE_SOON"))
        .extracting(OutboxMessage::recipient)
        .as("the applicant and the holder, who has a user")
        .containsExactlyInAnyOrder("zhang.wei@trips.example", "zhou.qiang@trips.example");
    assertThat(sent(trip, "PASSPORT_DUE_SOON"))
        .allSatisfy(
            mail ->
                assertThat(mail.bodyText())
                    .contains(
                        "周强", "SE0003001", trip.getBusinessKey(), chineseDate(out.dueBack())));
    assertThat(sent(trip, "PASSPORT_OVERDUE_ESCALATION")).isEmpty();
    assertThat(timer(watch, TripProcess.PASSPORT_OVERDUE).getDuedate())
        .isEqualTo(deadlines.startOf(out.dueBack().plusDays(1).toString()));
  }

  @Test
  void aPassportStillOutAfterItsDueDayIsEscalatedOnceToTheUnitsHeadsAndTheOffice() {
    ProcessInstance trip = approvedTripWith("孙丽", "JY0208", "SE0208001");
    Passports.Custody out =
        custody.release(trip.getId(), "JY0208", "SE0208001", "孙丽本人", "wang.fang");
    ProcessInstance watch = watchOf(trip, "JY0208");

    fire(watch, TripProcess.PASSPORT_DUE_SOON);
    fire(watch, TripProcess.PASSPORT_OVERDUE);

    assertThat(sent(trip, "PASSPORT_OVERDUE_ESCALATION"))
        .extracting(OutboxMessage::recipient)
        .as("the heads of commerce and the foreign affairs office")
        .containsExactlyInAnyOrder("li.na@trips.example", "wang.fang@trips.example");
    assertThat(sent(trip, "PASSPORT_OVERDUE_ESCALATION"))
        .allSatisfy(
            mail -> {
              assertThat(mail.subject()).contains("因公护照逾期未交回");
              assertThat(mail.bodyText())
                  .contains("孙丽", "SE0208001", trip.getBusinessKey(), chineseDate(out.dueBack()));
            });
    assertThat(jobsOf(watch)).as("escalated once: no timer left").isEmpty();
    assertThat(driver.isWaitingAt(watch, "awaitLatePassport")).isTrue();

    custody.returned(trip.getId(), "JY0208", "wang.fang");
    assertThat(watchOf(trip, "JY0208")).isNull();
    assertThat(ended(watch, "passportBackLate")).isTrue();
    assertThat(sent(trip, "PASSPORT_OVERDUE_ESCALATION")).hasSize(2);
  }

  @Test
  void aPassportHandedBackInTimeEndsItsProcessWithNoReminderNorEscalation() {
    ProcessInstance trip = approvedTripWith("陈晓", "SW0135", "SE0135001");
    custody.release(trip.getId(), "SW0135", "SE0135001", "陈晓本人", "wang.fang");
    ProcessInstance watch = watchOf(trip, "SW0135");
    assertThat(jobsOf(watch)).hasSize(1);

    custody.returned(trip.getId(), "SW0135", "wang.fang");

    assertThat(watchOf(trip, "SW0135")).isNull();
    assertThat(jobsOf(watch)).as("its timers are gone").isEmpty();
    assertThat(ended(watch, "passportBackInTime")).isTrue();
    assertThat(sent(trip, "PASSPORT_DUE_SOON")).isEmpty();
    assertThat(sent(trip, "PASSPORT_OVERDUE_ESCALATION")).isEmpty();
  }

  @Test
  void aDueDayThatMovesStartsTheTimersAgainFromTheNewDayEvenAfterTheEscalation() {
    ProcessInstance trip = approvedTripWith("王伟", "SW0112", "SE0112001");
    Passports.Custody out =
        custody.release(trip.getId(), "SW0112", "SE0112001", "王伟本人", "wang.fang");
    ProcessInstance watch = watchOf(trip, "SW0112");
    LocalDate returnDate = out.dueBack().minusDays(7);

    custody.dueDayMoved(trip.getId(), returnDate.plusDays(10));
    LocalDate later = out.dueBack().plusDays(10);
    assertThat(passports.custody(trip.getId(), "SW0112").orElseThrow().dueBack()).isEqualTo(later);
    assertThat(
            engine.getRuntimeService().getVariable(watch.getId(), TripVariables.PASSPORT_DUE_BACK))
        .isEqualTo(later.toString());
    assertThat(timer(watch, TripProcess.PASSPORT_DUE_SOON).getDuedate())
        .as("one reminder, on the new day")
        .isEqualTo(reminderOn(later));
    assertThat(trail.forTrip(trip.getId()))
        .filteredOn(entry -> entry.event().equals("passport.dueMoved"))
        .singleElement()
        .satisfies(entry -> assertThat(entry.details()).contains(later.toString()));

    // escalated, then the trip's return moves again: a new reminder and a new escalation
    fire(watch, TripProcess.PASSPORT_DUE_SOON);
    fire(watch, TripProcess.PASSPORT_OVERDUE);
    assertThat(sent(trip, "PASSPORT_OVERDUE_ESCALATION")).isNotEmpty();
    int escalations = sent(trip, "PASSPORT_OVERDUE_ESCALATION").size();
    LocalDate evenLater = later.plusDays(5);
    custody.dueDayMoved(trip.getId(), returnDate.plusDays(15));
    assertThat(timer(watch, TripProcess.PASSPORT_DUE_SOON).getDuedate())
        .isEqualTo(reminderOn(evenLater));
    assertThat(sent(trip, "PASSPORT_OVERDUE_ESCALATION")).hasSize(escalations);
    fire(watch, TripProcess.PASSPORT_DUE_SOON);
    assertThat(sent(trip, "PASSPORT_DUE_SOON"))
        .as("the second reminder names the new day")
        .anySatisfy(mail -> assertThat(mail.bodyText()).contains(chineseDate(evenLater)));
    assertThat(timer(watch, TripProcess.PASSPORT_OVERDUE).getDuedate())
        .isEqualTo(deadlines.startOf(evenLater.plusDays(1).toString()));

    custody.returned(trip.getId(), "SW0112", "wang.fang");
    assertThat(watchOf(trip, "SW0112")).isNull();
    assertThat(ended(watch, "passportBackInTime")).isTrue();
  }

  private ProcessInstance approvedTripWith(String name, String personId, String passport) {
    passports.register(passport, personId, "service", "2036-05-01", "wang.fang");
    TripRequest request =
        aTrip()
            .members(List.of(new Member(name, "x", Rank.division, null, null, personId)))
            .build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED);
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceId(trip.getId())
        .singleResult();
  }

  private Date reminderOn(LocalDate dueBack) {
    return deadlines.startOf(workingDays.minusWorkingDays(dueBack, 1).toString());
  }

  private static String chineseDate(LocalDate day) {
    return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  private ProcessInstance watchOf(ProcessInstance trip, String personId) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey(TripProcess.PASSPORT_CUSTODY_KEY)
        .processInstanceBusinessKey(trip.getId() + "/" + personId)
        .singleResult();
  }

  private List<Job> jobsOf(ProcessInstance watch) {
    return engine.getManagementService().createJobQuery().processInstanceId(watch.getId()).list();
  }

  private Job timer(ProcessInstance watch, String activityId) {
    Job job =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(watch.getId())
            .activityId(activityId)
            .singleResult();
    assertThat(job).as("a timer at " + activityId).isNotNull();
    return job;
  }

  private void fire(ProcessInstance watch, String activityId) {
    engine.getManagementService().executeJob(timer(watch, activityId).getId());
  }

  private boolean ended(ProcessInstance watch, String endId) {
    return engine
            .getHistoryService()
            .createHistoricActivityInstanceQuery()
            .processInstanceId(watch.getId())
            .activityId(endId)
            .finished()
            .count()
        == 1;
  }

  private List<OutboxMessage> sent(ProcessInstance trip, String kind) {
    return outbox.forTrip(trip.getId()).stream().filter(m -> m.kind().equals(kind)).toList();
  }
}
