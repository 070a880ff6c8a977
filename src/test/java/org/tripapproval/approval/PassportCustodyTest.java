package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.notification.Outbox;
import org.tripapproval.notification.OutboxMessage;
import org.tripapproval.people.Passports;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.Member;
import org.tripapproval.trip.TripRequest.Rank;
import org.tripapproval.trip.TripVariables;

/**
 * Passports in the office's custody (ADR 0021), on the demo directory (DemoPeople): registered per
 * person, released only for an approved trip to its member, due back within the days after return
 * that trip-report-check.dmn sets; one not back, or one that expires too soon after the return,
 * stops its holder's next trip and nobody else's.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext // passports, custody and trips stay behind
class PassportCustodyTest {

  private static final Member WANG_WEI_COMMERCE =
      new Member("王伟", "x", Rank.staff, null, null, "SW0112");
  private static final Member WANG_WEI_EDUCATION =
      new Member("王伟", "x", Rank.staff, null, null, "JY0231");
  private static final Member ZHAO_MIN = new Member("赵敏", "x", Rank.bureau, null, null, "SW0001");
  private static final Member CHEN_XIAO = new Member("陈晓", "x", Rank.staff, null, null, "SW0135");

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired Passports passports;
  @Autowired PassportCustody custody;
  @Autowired AuditTrail trail;
  @Autowired JdbcTemplate jdbc;
  @Autowired TripChanges changes;
  @Autowired Outbox outbox;
  @Autowired PassportDays passportDays;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    driver = new TripDriver(engine, mapper);
  }

  @Test
  void aPassportIsRegisteredOnlyForAPersonOfTheDirectoryWithGoodValues() {
    assertRefused(
        () -> passports.register("E1", "SW0112", "service", "2035-01-01", "wang.fang"), "number");
    assertRefused(
        () -> passports.register("E7654321", "SW9999", "service", "2035-01-01", "wang.fang"),
        "personId");
    assertRefused(
        () -> passports.register("E7654321", "SW0112", "golden", "2035-01-01", "wang.fang"),
        "kind");
    assertRefused(
        () -> passports.register("E7654321", "SW0112", "service", "next year", "wang.fang"),
        "expiry");
    assertThat(passports.find("E7654321")).isEmpty();

    passports.register("e7654321", "SW0112", "service", "2035-01-01", "wang.fang");
    assertThat(passports.of("SW0112")).extracting(Passports.Passport::number).contains("E7654321");
    assertRefused(
        () -> passports.register("E7654321", "JY0231", "service", "2035-01-01", "wang.fang"),
        "number");
  }

  @Test
  void aPassportOutIsDueBackLaterWhenAnApprovedChangePostponesTheReturn() {
    Member sunLi = new Member("孙丽", "x", Rank.staff, null, null, "JY0208");
    passports.register("SE0208001", "JY0208", "service", "2036-05-01", "wang.fang");
    TripRequest request = aTrip().members(List.of(sunLi)).build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED);
    custody.release(trip.getId(), "JY0208", "SE0208001", "孙丽本人", "wang.fang");
    String released = watchOf(trip, "JY0208").getId();
    TripRequest later =
        aTrip().members(List.of(sunLi)).departingOn(request.departureDate().plusDays(5)).build();

    changes.request(trip.getId(), TripDriver.APPLICANT);
    driver.completeAsApplicant(
        trip,
        TripProcess.REQUEST_TRIP_CHANGE,
        Map.of(
            TripVariables.PROPOSED_TRIP,
            driver.json(later),
            TripVariables.CHANGE_REASON,
            "会谈推迟 the talks were postponed",
            TripVariables.CHANGE_ACTION,
            TripVariables.CHANGE_SUBMIT));
    driver.decide("wang.fang", trip, TripProcess.REVIEW_TRIP_CHANGE, "approve", "同意 agreed");
    driver.runAsynchronousSteps(trip);

    assertThat(passports.custody(trip.getId(), "JY0208").orElseThrow().dueBack())
        .isEqualTo(later.returnDate().plusDays(7));
    assertThat(trail.forTrip(trip.getId()))
        .anySatisfy(
            entry -> {
              assertThat(entry.event()).isEqualTo("passport.dueMoved");
              assertThat(entry.details()).contains(later.returnDate().plusDays(7).toString());
            });
    // the same process (message passportDueMoved) waits for the new day's reminder; handed back
    // before it, the watch ends without a mail
    ProcessInstance watch = watchOf(trip, "JY0208");
    assertThat(watch.getId()).isEqualTo(released);
    assertThat(engine.getRuntimeService().getVariable(watch.getId(), "passportDueBack"))
        .isEqualTo(later.returnDate().plusDays(7).toString());
    assertThat(
            engine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(watch.getId())
                .singleResult()
                .getDuedate())
        .as("one timer, the new day's reminder")
        .isEqualTo(passportDays.reminder(later.returnDate().plusDays(7).toString()));
    custody.returned(trip.getId(), "JY0208", "wang.fang");
    assertThat(watchOf(trip, "JY0208")).isNull();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(watch.getId())
                .activityId("passportBackInTime")
                .count())
        .isEqualTo(1);
    assertThat(kindsSent(trip)).doesNotContain("PASSPORT_DUE_SOON");
  }

  @Test
  void aPassportOutIsRemindedTheWorkingDayBeforeItIsDueAndEscalatedOnceItsDayHasPassed() {
    Member zhouQiang = new Member("周强", "x", Rank.bureau, null, null, "JY0003");
    passports.register("SE0003001", "JY0003", "service", "2036-05-01", "wang.fang");
    ProcessInstance trip = driver.submit(aTrip().members(List.of(zhouQiang)).build());
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED);
    custody.release(trip.getId(), "JY0003", "SE0003001", "周强本人", "wang.fang");
    ProcessInstance watch = watchOf(trip, "JY0003");

    fire(watch, TripProcess.PASSPORT_DUE_SOON);
    assertThat(outbox.forTrip(trip.getId()))
        .filteredOn(mail -> mail.kind().equals("PASSPORT_DUE_SOON"))
        .as("the applicant and the holder, who has a user")
        .hasSize(2)
        .allSatisfy(mail -> assertThat(mail.bodyText()).contains("周强", "SE0003001"));
    fire(watch, TripProcess.PASSPORT_OVERDUE);
    assertThat(outbox.forTrip(trip.getId()))
        .filteredOn(mail -> mail.kind().equals("PASSPORT_OVERDUE_ESCALATION"))
        .isNotEmpty()
        .allSatisfy(mail -> assertThat(mail.subject()).contains("护照逾期未交"));

    custody.returned(trip.getId(), "JY0003", "wang.fang");
    assertThat(watchOf(trip, "JY0003")).isNull();
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(watch.getId())
                .activityId("passportBackLate")
                .count())
        .isEqualTo(1);
  }

  private ProcessInstance watchOf(ProcessInstance trip, String personId) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey(TripProcess.PASSPORT_CUSTODY_KEY)
        .processInstanceBusinessKey(trip.getId() + "/" + personId)
        .singleResult();
  }

  private void fire(ProcessInstance watch, String timer) {
    Job job =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(watch.getId())
            .activityId(timer)
            .singleResult();
    assertThat(job).as("a timer at " + timer).isNotNull();
    engine.getManagementService().executeJob(job.getId());
  }

  private List<String> kindsSent(ProcessInstance trip) {
    return outbox.forTrip(trip.getId()).stream().map(OutboxMessage::kind).toList();
  }

  @Test
  void thePassportsWholeCustodyAndALateOneStopsOnlyItsHoldersNextTrip() {
    passports.register("SE0112001", "SW0112", "service", "2036-05-01", "wang.fang");
    passports.register("SE0231001", "JY0231", "service", "2036-05-01", "wang.fang");
    TripRequest request = aTrip().members(List.of(WANG_WEI_COMMERCE)).build();
    ProcessInstance trip = driver.submit(request);
    assertThatThrownBy(
            () -> custody.release(trip.getId(), "SW0112", "SE0112001", "王伟本人", "wang.fang"))
        .as("no approval number yet")
        .isInstanceOfSatisfying(CustodyRefused.class, e -> assertThat(e.status()).isEqualTo(409));

    driver.approveAndTravel(trip);
    assertRefused(
        () -> custody.release(trip.getId(), "JY0231", "SE0231001", "王伟", "wang.fang"), "personId");
    assertRefused(
        () -> custody.release(trip.getId(), "SW0112", "SE0231001", "王伟", "wang.fang"),
        "passportNumber");
    assertRefused(
        () -> custody.release(trip.getId(), "SW0112", "SE0112001", " ", "wang.fang"), "receivedBy");
    Passports.Custody out =
        custody.release(trip.getId(), "SW0112", "se0112001", "王伟本人", "wang.fang");
    assertThat(out.dueBack()).isEqualTo(request.returnDate().plusDays(7));
    assertThat(out.releasedBy()).isEqualTo("wang.fang");
    assertThat(out.receivedBy()).isEqualTo("王伟本人");
    assertThatThrownBy(
            () -> custody.release(trip.getId(), "SW0112", "SE0112001", "王伟本人", "wang.fang"))
        .isInstanceOf(CustodyRefused.class);

    // its day passes with the passport still out
    jdbc.update(
        "UPDATE passport_custody SET due_back = ? WHERE process_instance_id = ?",
        Date.valueOf(LocalDate.now().minusDays(1)),
        trip.getId());
    TripRequest next =
        aTrip()
            .members(List.of(WANG_WEI_COMMERCE))
            .departingOn(request.departureDate().plusDays(60))
            .build();
    ProcessInstance blocked = driver.submit(next);
    assertThat(driver.isWaitingAt(blocked, TripProcess.REVISE_TRIP_REQUEST)).isTrue();
    assertThat(findings(blocked)).contains("前次出访回国后未按时交回护照");
    ProcessInstance namesake =
        driver.submit(
            aTrip()
                .members(List.of(WANG_WEI_EDUCATION))
                .departingOn(request.departureDate().plusDays(60))
                .build());
    assertThat(driver.isWaitingAt(namesake, TripProcess.REVIEW_TRIP_REQUEST))
        .as("the other 王伟 travels")
        .isTrue();

    Passports.Custody back = custody.returned(trip.getId(), "SW0112", "wang.fang");
    assertThat(back.returnedAt()).isNotNull();
    assertThat(back.returnedBy()).isEqualTo("wang.fang");
    assertThatThrownBy(() -> custody.returned(trip.getId(), "SW0112", "wang.fang"))
        .isInstanceOf(CustodyRefused.class);
    ProcessInstance again = driver.submit(next);
    assertThat(findings(again)).doesNotContain("护照");
    assertThat(trail.forTrip(trip.getId()))
        .extracting(AuditTrail.TrailEntry::event)
        .contains("passport.released", "passport.returned");
    assertThat(trail.forTrip(trip.getId()))
        .filteredOn(e -> e.event().equals("passport.returned"))
        .singleElement()
        .satisfies(e -> assertThat(e.details()).contains("\"late\":true", "王伟"));
  }

  @Test
  void aPassportThatExpiresWithinSixMonthsOfTheReturnIsABlockingFinding() {
    TripRequest request = aTrip().members(List.of(CHEN_XIAO)).build();
    passports.register(
        "SE0135001",
        "SW0135",
        "service",
        request.returnDate().plusMonths(6).minusDays(1).toString(),
        "wang.fang");
    ProcessInstance tooSoon = driver.submit(request);
    assertThat(driver.isWaitingAt(tooSoon, TripProcess.REVISE_TRIP_REQUEST)).isTrue();
    assertThat(findings(tooSoon)).contains("\"passport\"", "陈晓", "6个月");

    passports.register(
        "SE0135002",
        "SW0135",
        "service",
        request.returnDate().plusMonths(6).toString(),
        "wang.fang");
    ProcessInstance renewed = driver.submit(request);
    assertThat(driver.isWaitingAt(renewed, TripProcess.REVIEW_TRIP_REQUEST))
        .as("a passport valid six months after the return")
        .isTrue();
  }

  @Test
  void theReportIsCheckedAgainstTheCustodyRecordNotItsOwnDate() {
    passports.register("SE0001001", "SW0001", "service", "2036-05-01", "wang.fang");
    TripRequest request = aTrip().members(List.of(ZHAO_MIN)).build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    custody.release(trip.getId(), "SW0001", "SE0001001", "赵敏", "wang.fang");
    custody.returned(trip.getId(), "SW0001", "wang.fang");
    // the office took it back ten days after the return
    jdbc.update(
        "UPDATE passport_custody SET returned_at = ? WHERE process_instance_id = ?",
        Timestamp.valueOf(request.returnDate().plusDays(10).atTime(10, 0)),
        trip.getId());

    // the report says it was back the day after the return
    driver.fileReport(trip, TripDriver.reportFor(request));

    String findings =
        engine.getRuntimeService().getVariable(trip.getId(), "reportFindings").toString();
    assertThat(findings).contains("\"passport\"", "10");
  }

  private static void assertRefused(Runnable call, String parameter) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo(parameter));
  }

  private String findings(ProcessInstance trip) {
    Object findings = engine.getRuntimeService().getVariable(trip.getId(), "findings");
    return findings == null ? "" : findings.toString();
  }
}
