package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;
import static org.tripapproval.trip.TripProcess.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripRequest;

/** History cleanup keeps a trip for its whole retention period, and removes it after. */
@SpringBootTest
@ActiveProfiles("test")
class HistoryRetentionTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void keepsAClosedTripThroughItsRetentionAndRemovesItAfter() {
    TripDriver driver = new TripDriver(engine, mapper);
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    driver.fileReport(trip, TripDriver.reportFor(request));
    driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "accept", "");
    driver.fireTimer(trip, POST_TRIP_DISCLOSURE_ENDED);
    Date ended =
        engine
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processInstanceId(trip.getId())
            .singleResult()
            .getEndTime();
    int retentionDays =
        engine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey(KEY)
            .latestVersion()
            .singleResult()
            .getHistoryTimeToLive();

    ClockUtil.setCurrentTime(Date.from(ended.toInstant().plus(Duration.ofDays(retentionDays - 1))));
    cleanUp();
    assertThat(historicTrips(trip)).as("one day before the retention ends").isEqualTo(1);

    ClockUtil.setCurrentTime(Date.from(ended.toInstant().plus(Duration.ofDays(retentionDays + 1))));
    cleanUp();
    assertThat(historicTrips(trip)).as("one day after the retention ends").isZero();
  }

  private void cleanUp() {
    Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
    engine.getManagementService().executeJob(cleanup.getId());
  }

  private long historicTrips(ProcessInstance trip) {
    return engine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processInstanceId(trip.getId())
        .count();
  }
}
