package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/** The rule tables at work in the process: what blocks goes back, what warns reaches the reviewers, a changed row applies. */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext // trips with overdue reports and redeployed tables must not reach other tests
class TripRulesProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired TripRules rules;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    driver = new TripDriver(engine, mapper);
  }

  @Test
  void aDestinationInLatinAmericaAllowsOneMoreDay() {
    ProcessInstance brazil = driver.submit(aTrip().countries("BR").days(6).build());
    assertThat(findings(brazil)).isEmpty();
    assertThat(driver.isWaitingAt(brazil, TripProcess.REVIEW_TRIP_REQUEST)).isTrue();

    ProcessInstance japan = driver.submit(aTrip().countries("JP").days(6).build());
    assertThat(findings(japan)).extracting(f -> f.get("rule").asText()).containsExactly("days");
    assertThat(driver.isWaitingAt(japan, TripProcess.REVISE_TRIP_REQUEST)).isTrue();
  }

  @Test
  void aScheduleThinOnOfficialActivityIsAWarningEveryReviewerSees() {
    TripRequest thin = aTrip().days(4).build();
    List<TripRequest.ItineraryDay> days = thin.itinerary().stream()
        .map(day -> day.date().equals(thin.departureDate()) ? day
            : new TripRequest.ItineraryDay(day.date(), day.country(), day.city(), "参观 sightseeing", null))
        .toList();
    ProcessInstance trip = driver.submit(new TripRequest(null, thin.purpose(), thin.members(), thin.departureDate(),
        thin.returnDate(), days, thin.tasks(), thin.invitation(), thin.budget(), thin.planReference(), null));

    assertThat(findings(trip)).extracting(f -> f.get("rule").asText() + ":" + f.get("severity").asText())
        .containsExactly("tasks:warning");
    assertThat(findings(trip).get(0).get("message").asText()).contains("1 of 4 days");
    assertThat(driver.isWaitingAt(trip, TripProcess.REVIEW_TRIP_REQUEST)).as("a warning does not send it back").isTrue();
  }

  @Test
  void aMemberWithAnOverdueReportCannotBeInANewRequest() {
    TripRequest first = aTrip().build();
    ProcessInstance earlier = driver.submit(first);
    driver.approveAndTravel(earlier);
    driver.fireTimer(earlier, TripProcess.REPORT_OVERDUE);

    ProcessInstance next = driver.submit(aTrip().departingOn(first.departureDate().plusDays(40)).build());
    JsonNode overdue = findings(next).get(0);
    assertThat(overdue.get("rule").asText()).isEqualTo("overdue");
    assertThat(overdue.get("severity").asText()).isEqualTo("blocking");
    assertThat(overdue.get("message").asText()).contains("王小明", "张伟");
    assertThat(driver.isWaitingAt(next, TripProcess.REVISE_TRIP_REQUEST)).isTrue();

    driver.fileReport(earlier, TripDriver.reportFor(first));
    assertThat(rules.check(aTrip().build(), true, null)).as("once the report is filed").isEmpty();
  }

  @Test
  void aLimitChangedInTheTableAppliesOnceRedeployedWithoutACodeChange() throws Exception {
    TripRequest sixMembers = aTrip().members(6).build();
    assertThat(rules.check(sixMembers, true, null)).isEmpty();

    String table = Files.readString(Path.of("bpmn", "trip-rule-check.dmn"));
    String stricter = table.replace("<inputEntry id=\"delegationTooLargeInput1\"><text>&gt; 6</text>",
        "<inputEntry id=\"delegationTooLargeInput1\"><text>&gt; 5</text>");
    assertThat(stricter).isNotEqualTo(table);
    Deployment deployment = engine.getRepositoryService().createDeployment().name("stricter size limit")
        .addString("trip-rule-check.dmn", stricter).deploy();
    try {
      assertThat(rules.check(sixMembers, true, null)).extracting(RuleFinding::rule).containsExactly("size");
      ProcessInstance trip = driver.submit(sixMembers);
      assertThat(driver.isWaitingAt(trip, TripProcess.REVISE_TRIP_REQUEST)).isTrue();
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
    assertThat(rules.check(sixMembers, true, null)).isEmpty();
  }

  private JsonNode findings(ProcessInstance trip) {
    try {
      return mapper.readTree(engine.getRuntimeService().getVariable(trip.getId(), "findings").toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
