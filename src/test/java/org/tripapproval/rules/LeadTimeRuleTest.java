package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.calendar.WorkingDays;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripSettings;

/**
 * The lead time at submission (RULES.md "lead time"): the working days of the setting between the
 * day of submission and departure, and the calendar days lead-time-by-region.dmn asks for the
 * destinations' regions, the longest of them.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext // its trips must not count in other tests' frequency or plan checks
class LeadTimeRuleTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired TripRules rules;
  @Autowired WorkingDays workingDays;
  @Autowired TripSettings settings;
  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;

  private static LocalDate today() {
    return LocalDate.now(SHANGHAI);
  }

  /** The first departure the setting allows from today: N working days lie between. */
  private LocalDate firstDepartureInTime() {
    return workingDays.plusWorkingDays(today(), settings.leadTimeWorkingDays()).plusDays(1);
  }

  /** The day before the N-th working day before departure. */
  private LocalDate latestFor(LocalDate departure) {
    LocalDate latest =
        workingDays.minusWorkingDays(departure, settings.leadTimeWorkingDays()).minusDays(1);
    assertThat(latest).isBefore(today());
    return latest;
  }

  private List<String> rulesFound(TripRequest trip) {
    return rules.check(trip, true, null).stream().map(RuleFinding::rule).toList();
  }

  @Test
  void theSettingIsReviewAndDisclosureInWorkingDays() {
    assertThat(settings.leadTimeWorkingDays())
        .isEqualTo(settings.reviewDueWorkingDays() + settings.preTripDisclosureWorkingDays());
  }

  @Test
  void exactlyTheSetWorkingDaysBeforeDeparturePassesOneLessIsBlocked() {
    LocalDate inTime = firstDepartureInTime();
    assertThat(workingDays.workingDaysBetween(today(), inTime.minusDays(1)))
        .isEqualTo(settings.leadTimeWorkingDays());
    assertThat(rulesFound(aTrip().departingOn(inTime).build())).doesNotContain("leadTime");

    LocalDate oneLess = workingDays.plusWorkingDays(today(), settings.leadTimeWorkingDays());
    List<RuleFinding> findings = rules.check(aTrip().departingOn(oneLess).build(), true, null);
    assertThat(findings)
        .filteredOn(f -> f.rule().equals("leadTime"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.isBlocking()).isTrue();
              assertThat(f.message())
                  .contains(
                      "最迟应于" + latestFor(oneLess) + "提交",
                      "最早可于" + inTime + "出发",
                      "the earliest departure is " + inTime);
            });
  }

  @Test
  void aRegionWithALongerLeadTimeAsksForItsCalendarDays() {
    // lead-time-by-region.dmn: 60 days for Latin America
    LocalDate sixtyDays = today().plusDays(60);
    assertThat(rulesFound(aTrip().countries("BR").departingOn(sixtyDays).build()))
        .doesNotContain("leadTime");
    List<RuleFinding> late =
        rules.check(
            aTrip().countries("BR").departingOn(sixtyDays.minusDays(1)).build(), true, null);
    assertThat(late)
        .filteredOn(f -> f.rule().equals("leadTime"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains(
                        "目的地区域须提前60天申报",
                        "最迟应于" + today().minusDays(1) + "提交",
                        "the earliest departure is " + sixtyDays));
    assertThat(rulesFound(aTrip().countries("JP").departingOn(sixtyDays.minusDays(1)).build()))
        .as("a region without a row: the setting alone")
        .doesNotContain("leadTime");
  }

  @Test
  void ofSeveralDestinationsTheLongestLeadTimeApplies() {
    LocalDate departure = today().plusDays(59);
    assertThat(rulesFound(aTrip().countries("JP", "KR").days(6).departingOn(departure).build()))
        .doesNotContain("leadTime");
    assertThat(rulesFound(aTrip().countries("JP", "BR").days(6).departingOn(departure).build()))
        .contains("leadTime");
    assertThat(
            rulesFound(
                aTrip().countries("JP", "BR").days(6).departingOn(today().plusDays(60)).build()))
        .doesNotContain("leadTime");
  }

  @Test
  void aRequestSubmittedTooLateGoesBackToTheApplicantWithTheFinding() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    LocalDate soon = today().plusDays(3);
    ProcessInstance trip = driver.submit(aTrip().departingOn(soon).build());

    assertThat(driver.isWaitingAt(trip, TripProcess.REVISE_TRIP_REQUEST)).isTrue();
    String findings =
        mapper
            .readTree(engine.getRuntimeService().getVariable(trip.getId(), "findings").toString())
            .toString();
    assertThat(findings)
        .contains("\"rule\":\"leadTime\"", "\"severity\":\"blocking\"", "出发日期" + soon)
        .contains("最早可于" + firstDepartureInTime() + "出发");

    driver.revise(trip, aTrip().departingOn(firstDepartureInTime()).build());
    assertThat(driver.isWaitingAt(trip, TripProcess.REVIEW_TRIP_REQUEST))
        .as("revised with time enough")
        .isTrue();
  }
}
