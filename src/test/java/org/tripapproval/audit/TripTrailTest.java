package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * The trail holds each event of a trip once, and the registry one row per trip; a whole lifecycle
 * leaves exactly the entries listed in audit/whole-lifecycle-trail.txt.
 */
@SpringBootTest
@ActiveProfiles("test")
class TripTrailTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired AuditTrail trail;
  @Autowired JdbcTemplate jdbc;

  @Test
  void recordsEveryEventOfATripOnce() {
    TripDriver driver = new TripDriver(engine, mapper);
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.review(trip, "approve", "");

    List<AuditTrail.TrailEntry> entries = trail.forTrip(trip.getId());
    assertThat(entries).filteredOn(e -> e.event().equals("trip.submitted")).hasSize(1);
    assertThat(entries).filteredOn(e -> e.event().equals("task.complete")).hasSize(1);
    for (int i = 1; i < entries.size(); i++) {
      AuditTrail.TrailEntry before = entries.get(i - 1);
      AuditTrail.TrailEntry entry = entries.get(i);
      assertThat(List.of(entry.event(), String.valueOf(entry.actor()), entry.details()))
          .as("entry %d repeats the one before it", entry.id())
          .isNotEqualTo(List.of(before.event(), String.valueOf(before.actor()), before.details()));
    }
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM trip_registry WHERE process_instance_id = ?",
                Integer.class,
                trip.getId()))
        .isEqualTo(1);
  }

  @Test
  void holdsTheWholeLifecycleEventByEvent() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    driver.fileReport(trip, TripDriver.reportFor(request));
    driver.decide(TripDriver.VERIFIER, trip, TripProcess.VERIFY_TRIP_REPORT, "accept", "");
    driver.fireTimer(trip, TripProcess.POST_TRIP_DISCLOSURE_ENDED);

    List<String> events = new ArrayList<>();
    for (AuditTrail.TrailEntry entry : trail.forTrip(trip.getId())) {
      if (entry.event().startsWith("deadline.")) {
        // provisional deadlines depend on which years' calendars are loaded, that is on today's
        // date, not on the lifecycle (DeadlineRecountTest covers them)
        continue;
      }
      JsonNode details = mapper.readTree(entry.details());
      String about =
          details
              .path("activity")
              .asText(details.path("task").asText(details.path("name").asText()));
      events.add(entry.event() + (about.isEmpty() ? "" : " " + about));
    }
    List<String> expected =
        Files.readAllLines(Path.of("src/test/resources/audit/whole-lifecycle-trail.txt")).stream()
            .filter(line -> !line.startsWith("#"))
            .toList();
    assertThat(events).containsExactlyElementsOf(expected);
  }
}
