package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * A trip's record reads as words with names: the timeline of a trip sent back, revised, approved,
 * travelled, reported and closed; its decisions; and each revision as its changes.
 */
@SpringBootTest
@ActiveProfiles("test")
class TripRecordsTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired TripRecords records;

  @Test
  void tellsAWholeLifecycleInWordsWithNamesReasonsAndTheRevisedFields() {
    TripDriver driver = new TripDriver(engine, mapper);
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.review(trip, "sendBack", "请补充会见单位 name the counterpart");
    TripRequest revised = aTrip().purpose(request.purpose() + ",并签署合作备忘录").build();
    driver.revise(trip, revised);
    driver.approveAndTravel(trip);
    // an approved trip's request is changed only by a change request: refused, and marked so
    assertThatThrownBy(
            () ->
                driver.as(
                    TripDriver.APPLICANT,
                    () -> {
                      engine
                          .getTaskService()
                          .setVariable(
                              driver.openTask(trip, TripProcess.FILE_TRIP_REPORT).getId(),
                              "trip",
                              driver.json(aTrip().members(6).build()));
                      return null;
                    }))
        .hasMessageContaining("trip");
    driver.fileReport(trip, TripDriver.reportFor(revised));
    driver.decide(TripDriver.VERIFIER, trip, TripProcess.VERIFY_TRIP_REPORT, "accept", "");
    driver.fireTimer(trip, TripProcess.POST_TRIP_DISCLOSURE_ENDED);

    TripRecords.TripRecord record = records.of(trip.getId()).orElseThrow();

    assertThat(record.applicantName()).isEqualTo("张伟 (applicant)");
    assertThat(record.unitName()).isEqualTo("省商务厅 Department of Commerce");
    assertThat(record.request().path("purpose").asText()).isEqualTo(revised.purpose());
    assertThat(record.report().path("spending").isNumber()).isTrue();
    assertThat(record.countryNames()).containsEntry("JP", "日本 Japan");

    List<Timeline.Moment> main = record.timeline().stream().filter(Timeline.Moment::main).toList();
    assertThat(main.get(0).what()).isEqualTo("提交出访申请 Submitted the trip request");
    assertThat(main.get(0).actorName()).isEqualTo("张伟 (applicant)");
    assertThat(main.get(0).role()).isEqualTo("申请人 Applicant");
    assertThat(main)
        .anySatisfy(
            moment -> {
              assertThat(moment.what()).endsWith("退回 Send back");
              assertThat(moment.actorName()).isEqualTo("李娜 (unit head)");
              assertThat(moment.role()).isEqualTo("单位负责人 Unit head");
              assertThat(moment.reason()).isEqualTo("请补充会见单位 name the counterpart");
            });
    assertThat(main).anySatisfy(m -> assertThat(m.what()).startsWith("出具批件号 Approval number"));
    assertThat(main)
        .filteredOn(moment -> moment.event().equals("operation.Claim"))
        .first()
        .satisfies(claim -> assertThat(claim.role()).isEqualTo("单位负责人 Unit head"));
    assertThat(main.get(main.size() - 1).what()).isEqualTo("流程结束:已归档 Ended: closed");
    assertThat(main).noneSatisfy(m -> assertThat(m.what()).contains("{\""));
    assertThat(record.timeline()).filteredOn(m -> !m.main()).isNotEmpty();
    assertThat(main)
        .filteredOn(Timeline.Moment::refused)
        .singleElement()
        .satisfies(
            refused -> {
              assertThat(refused.what()).startsWith("被拒绝的操作 Refused attempt");
              assertThat(refused.actorName()).isEqualTo("张伟 (applicant)");
            });

    assertThat(record.decisions())
        .first()
        .satisfies(
            decision -> {
              assertThat(decision.level()).isEqualTo("单位负责人 Unit head");
              assertThat(decision.decision()).isEqualTo("退回 Send back");
              assertThat(decision.decidedBy()).isEqualTo("李娜 (unit head)");
            });

    assertThat(record.revisions())
        .anySatisfy(
            revision -> {
              assertThat(revision.byName()).isEqualTo("张伟 (applicant)");
              assertThat(revision.changes())
                  .contains(
                      new RequestDiff.Change("出访目的 Purpose", request.purpose(), revised.purpose()));
            });
    assertThat(record.revisions())
        .flatMap(Timeline.Revision::changes)
        .filteredOn(change -> change.field().startsWith("单位"))
        .allSatisfy(change -> assertThat(change.after()).isIn("省商务厅 Department of Commerce", null));
  }

  @Test
  void theApplicantsDeclarationIsKeptInTheRequestAndReadInWordsInTheTrail() {
    TripDriver driver = new TripDriver(engine, mapper);
    ProcessInstance trip = driver.submit(aTrip().build());

    TripRecords.TripRecord record = records.of(trip.getId()).orElseThrow();

    assertThat(record.request().path("invitation").path("noIntermediary").asBoolean()).isTrue();
    assertThat(
            record
                .request()
                .path("invitation")
                .path("notPaidByCompanyOrOverseasChinese")
                .asBoolean())
        .isTrue();
    assertThat(record.revisions())
        .flatMap(Timeline.Revision::changes)
        .filteredOn(change -> change.field().equals("邀请 Invitation"))
        .singleElement()
        .satisfies(
            change ->
                assertThat(change.after())
                    .contains(
                        "声明未经中介机构安排或购买 Declared: not arranged through an intermediary: 是 Yes",
                        "声明费用不由企业、华人华侨社团支付 Declared: not paid by a commercial or overseas Chinese"
                            + " organisation: 是 Yes"));

    TripRequest.Invitation undeclared =
        new TripRequest.Invitation("日本经济产业省 METI", "JP", false, true);
    assertThat(
            new RequestDiff((field, value) -> value)
                .changes(
                    mapper.valueToTree(aTrip().build()),
                    mapper.valueToTree(aTrip().invitation(undeclared).build())))
        .containsExactly(
            new RequestDiff.Change(
                "邀请 Invitation · 声明未经中介机构安排或购买 Declared: not arranged through an intermediary",
                "true",
                "false"));
  }
}
