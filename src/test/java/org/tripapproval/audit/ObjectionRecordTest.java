package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.approval.Objections;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;

/** The auditors' record names who objected during a disclosure, and on what grounds. */
@SpringBootTest
@ActiveProfiles("test")
class ObjectionRecordTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired TripRecords records;
  @Autowired Objections objections;

  @Test
  void theRecordNamesTheObjectorAndTheGroundsAndTheOfficesDecision() {
    TripDriver driver = new TripDriver(engine, mapper);
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAllLevels(trip);
    objections.raise(
        "commerce", trip.getId(), "li.na", "邀请单位级别不对等 the host's level does not match");
    driver.decide("wang.fang", trip, TripProcess.DECIDE_OBJECTION, "dismiss", "级别相当 it matches");

    TripRecords.TripRecord record = records.of(trip.getId()).orElseThrow();

    assertThat(record.timeline())
        .filteredOn(moment -> moment.what().equals("提出异议 Objection raised"))
        .singleElement()
        .satisfies(
            moment -> {
              assertThat(moment.actorName()).startsWith("李娜");
              assertThat(moment.reason()).contains("the host's level does not match");
              assertThat(moment.main()).isTrue();
            });
    assertThat(record.timeline())
        .anySatisfy(
            moment ->
                assertThat(moment.what())
                    .startsWith("办结 Done: ")
                    .endsWith("异议不成立,继续公示 Dismiss and disclose on"));
  }
}
