package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.BudgetCategory;
import org.tripapproval.trip.TripRequest.BudgetItem;

/**
 * The rule tables at work in the process: what blocks goes back, what warns reaches the reviewers,
 * a changed row applies.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext // trips with overdue reports and redeployed tables must not reach other tests
class TripRulesProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired TripRules rules;
  @Autowired AnnualPlans plans;
  @Autowired JdbcTemplate jdbc;
  TripDriver driver;

  @BeforeEach
  void setUp() {
    driver = new TripDriver(engine, mapper);
  }

  @Test
  void theRuleTablesCellsAreParsedOnceByTheEnginesFeel() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    FeelEngine feel = configuration.getDmnEngineConfiguration().getFeelEngine();
    assertThat(feel).isInstanceOf(ParsedOnceFeelEngine.class);

    driver.submit(aTrip().build());
    int parsed = ((ParsedOnceFeelEngine) feel).keptParses();
    driver.submit(aTrip().build());

    assertThat(parsed).isPositive();
    assertThat(((ParsedOnceFeelEngine) feel).keptParses()).isEqualTo(parsed);
  }

  @Test
  void aDestinationInLatinAmericaAllowsOneMoreDay() {
    // past the region's lead time (lead-time-by-region.dmn)
    ProcessInstance brazil =
        driver.submit(
            aTrip()
                .countries("BR")
                .days(6)
                .departingOn(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(90))
                .build());
    assertThat(findings(brazil)).isEmpty();
    assertThat(driver.isWaitingAt(brazil, TripProcess.REVIEW_TRIP_REQUEST)).isTrue();

    ProcessInstance japan = driver.submit(aTrip().countries("JP").days(6).build());
    assertThat(findings(japan)).extracting(f -> f.get("rule").asText()).containsExactly("days");
    assertThat(driver.isWaitingAt(japan, TripProcess.REVISE_TRIP_REQUEST)).isTrue();
  }

  @Test
  void aScheduleThinOnOfficialActivityIsAWarningEveryReviewerSees() {
    TripRequest thin = aTrip().days(4).build();
    List<TripRequest.ItineraryDay> days =
        thin.itinerary().stream()
            .map(
                day ->
                    day.date().equals(thin.departureDate())
                        ? day
                        : new TripRequest.ItineraryDay(
                            day.date(), day.country(), day.city(), "参观 sightseeing", null))
            .toList();
    ProcessInstance trip =
        driver.submit(
            new TripRequest(
                null,
                thin.purpose(),
                thin.members(),
                thin.departureDate(),
                thin.returnDate(),
                days,
                thin.tasks(),
                thin.invitation(),
                thin.budget(),
                thin.planReference(),
                null));

    assertThat(findings(trip))
        .extracting(f -> f.get("rule").asText() + ":" + f.get("severity").asText())
        .containsExactly("tasks:warning");
    assertThat(findings(trip).get(0).get("message").asText()).contains("1 of 4 days");
    assertThat(driver.isWaitingAt(trip, TripProcess.REVIEW_TRIP_REQUEST))
        .as("a warning does not send it back")
        .isTrue();
  }

  @Test
  void aMemberWithAnOverdueReportCannotBeInANewRequest() {
    TripRequest first = aTrip().build();
    ProcessInstance earlier = driver.submit(first);
    driver.approveAndTravel(earlier);
    driver.fireTimer(earlier, TripProcess.REPORT_OVERDUE);

    ProcessInstance next =
        driver.submit(aTrip().departingOn(first.departureDate().plusDays(40)).build());
    JsonNode overdue = findings(next).get(0);
    assertThat(overdue.get("rule").asText()).isEqualTo("overdue");
    assertThat(overdue.get("severity").asText()).isEqualTo("blocking");
    assertThat(overdue.get("message").asText()).contains("王小明", "张伟");
    assertThat(driver.isWaitingAt(next, TripProcess.REVISE_TRIP_REQUEST)).isTrue();

    driver.fileReport(earlier, TripDriver.reportFor(first));
    assertThat(rules.check(aTrip().build(), true, null)).as("once the report is filed").isEmpty();
  }

  @Test
  void aMemberWhosePassportFromAnEarlierTripIsNotBackInTimeCannotBeInANewRequest() {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    earlierTripReturned("passport-back-7", today.minusDays(7), "赵七日");
    earlierTripReturned("passport-back-8", today.minusDays(8), "钱八日");
    List<TripRequest.Member> members =
        List.of(
            new TripRequest.Member("赵七日", "商务厅干部", TripRequest.Rank.section),
            new TripRequest.Member("钱八日", "商务厅干部", TripRequest.Rank.section));

    ProcessInstance next = driver.submit(aTrip().members(members).build());
    assertThat(findings(next))
        .extracting(f -> f.get("rule").asText() + ":" + f.get("severity").asText())
        .containsExactly("overdue:blocking");
    assertThat(findings(next).get(0).get("message").asText())
        .contains("钱八日", "passport")
        .doesNotContain("赵七日");
    assertThat(driver.isWaitingAt(next, TripProcess.REVISE_TRIP_REQUEST)).isTrue();

    jdbc.update(
        "UPDATE trip_registry SET report_status = 'FILED' WHERE process_instance_id = 'passport-back-8'");
    assertThat(rules.check(aTrip().members(members).build(), true, null))
        .as("once the report says it is back")
        .isEmpty();
  }

  @Test
  void aBudgetOverThePerDiemStandardIsAWarningForTheReviewersAndADestinationWithoutOneIsNamed() {
    // two members, four days in Japan: 3 nights x 2 x JPY 20000 x 0.047 = CNY 5640 lodging; 4 days
    // x 2 x JPY 15000 x 0.047 = CNY 5640 meals and incidentals
    BudgetItem meals =
        new BudgetItem(
            "伙食费 meals", new BigDecimal("4000"), "部门预算 unit budget", BudgetCategory.meals);
    BudgetItem incidentals =
        new BudgetItem(
            "公杂费 incidentals",
            new BigDecimal("1640"),
            "部门预算 unit budget",
            BudgetCategory.incidentals);

    ProcessInstance over =
        driver.submit(aTrip().budget(lodging("5641"), meals, incidentals).build());
    assertThat(findings(over))
        .extracting(f -> f.get("rule").asText() + ":" + f.get("severity").asText())
        .containsExactly("budget:warning");
    assertThat(findings(over).get(0).get("message").asText())
        .contains("CNY 5641 exceeds the standard of CNY 5640 (JP");
    assertThat(findings(over).get(0).get("standards").asText())
        .as("the finding names the shipped example versions it was judged by")
        .isEqualTo("开支标准 Standards example-2013-516 · 汇率 Rates example-rates");
    assertThat(driver.isWaitingAt(over, TripProcess.REVIEW_TRIP_REQUEST))
        .as("a warning goes on to the reviewers")
        .isTrue();

    assertThat(rules.check(aTrip().budget(lodging("5640"), meals, incidentals).build(), true, null))
        .as("at the standard")
        .isEmpty();
    assertThat(
            rules.check(aTrip().budget(lodging("5640.40"), meals, incidentals).build(), true, null))
        .as("40 fen over")
        .extracting(RuleFinding::message)
        .singleElement()
        .asString()
        .contains("CNY 5640.4 exceeds the standard of CNY 5640 (JP");
    assertThat(
            rules.check(
                aTrip()
                    .budget(
                        new BudgetItem("住宿费 lodging", new BigDecimal("99999"), "部门预算 unit budget"))
                    .build(),
                true,
                null))
        .as("an item without a category is not compared")
        .isEmpty();
    assertThat(rules.check(aTrip().countries("US").budget(lodging("5641")).build(), true, null))
        .extracting(RuleFinding::rule, RuleFinding::message)
        .containsExactly(
            Tuple.tuple(
                "budget",
                "出发日适用的开支标准(example-2013-516)和汇率(example-rates)中没有美国 United States的住宿费、伙食费标准,请财务人工核对 / No per-diem standard for 美国 United States in the standards (example-2013-516) and rates (example-rates) in force on the departure day: finance checks the budget by hand"));
  }

  private static BudgetItem lodging(String amount) {
    return new BudgetItem(
        "住宿费 lodging", new BigDecimal(amount), "部门预算 unit budget", BudgetCategory.lodging);
  }

  /**
   * An earlier trip of this person, back on that day, its report (and the passport's return with
   * it) still to come.
   */
  private void earlierTripReturned(String id, LocalDate returned, String member) {
    jdbc.update(
        "INSERT INTO trip_registry (process_instance_id, status, report_status, departure_date, return_date, updated_at)"
            + " VALUES (?, 'REPORT_DUE', 'DUE', ?, ?, CURRENT_TIMESTAMP)",
        id,
        Date.valueOf(returned.minusDays(3)),
        Date.valueOf(returned));
    jdbc.update(
        "INSERT INTO trip_member (process_instance_id, member_index, name, post, member_rank) VALUES (?, 0, ?, '干部', 'section')",
        id,
        member);
  }

  @Test
  void theVerifierSeesEveryDifferenceBetweenTheReportAndTheApprovalAndALatePassport()
      throws Exception {
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    TripReport asApproved = TripDriver.reportFor(request);
    driver.fileReport(
        trip,
        new TripReport(
            asApproved.actualDepartureDate(),
            request.returnDate().plusDays(1),
            List.of("JP", "KR"),
            asApproved.taskResults(),
            asApproved.spending(),
            null,
            request.returnDate().plusDays(11),
            null));

    JsonNode findings =
        mapper.readTree(
            engine.getRuntimeService().getVariable(trip.getId(), "reportFindings").toString());
    assertThat(findings.findValuesAsText("rule"))
        .containsExactly("deviation", "deviation", "passport");
    assertThat(findings.findValuesAsText("message"))
        .anySatisfy(m -> assertThat(m).contains(request.returnDate().plusDays(1).toString()))
        .anySatisfy(m -> assertThat(m).contains("KR"))
        .anySatisfy(m -> assertThat(m).contains("10 days after return"));
    assertThat(driver.isWaitingAt(trip, TripProcess.VERIFY_TRIP_REPORT)).isTrue();
  }

  @Test
  void aPlannedTripNamesAnEntryOfItsUnitsPlanKeepsToItsHeadcountAndToTheUnitsYearlyTotal() {
    // the first of January two years on: no other test travels in that year, and it is within two
    // years
    LocalDate newYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusYears(2).withDayOfYear(1);
    plans.load(
        "commerce",
        newYear.getYear(),
        "reference,title,headcount\nA,赴日本商谈,2\nB,赴韩国招商,2\n",
        "admin");
    Function<String, TripRequest> planned =
        reference ->
            new TripRequest(
                "commerce",
                aTrip().build().purpose(),
                aTrip().build().members(),
                newYear,
                newYear.plusDays(3),
                aTrip().departingOn(newYear).build().itinerary(),
                aTrip().build().tasks(),
                aTrip().build().invitation(),
                aTrip().build().budget(),
                reference,
                null);

    ProcessInstance first = driver.submit(planned.apply("A"));
    assertThat(findings(first)).isEmpty();
    ProcessInstance second = driver.submit(planned.apply("A"));
    assertThat(findings(second)).as("4 of the 4 planned travellers").isEmpty();

    assertThat(rules.check(planned.apply("Z"), true, null))
        .extracting(f -> f.rule() + " " + f.message())
        .containsExactly("plan 本单位年度出国计划中没有Z / The unit's annual plan has no entry Z");
    assertThat(rules.check(planned.apply("B"), true, null))
        .extracting(RuleFinding::message)
        .containsExactly(
            "本单位年度计划共4人次,连同本团将达6人次 / The unit's plan allows 4 travellers this year;"
                + " with this delegation it would be 6");
    TripRequest three = planned.apply("B");
    three =
        new TripRequest(
            three.unit(),
            three.purpose(),
            aTrip().members(3).build().members(),
            three.departureDate(),
            three.returnDate(),
            three.itinerary(),
            three.tasks(),
            three.invitation(),
            three.budget(),
            "B",
            null);
    assertThat(rules.check(three, true, null))
        .extracting(RuleFinding::message)
        .first()
        .asString()
        .contains("Plan entry B is for 2, the delegation has 3");
    assertThat(rules.check(planned.apply("A").withUnit("education"), true, null))
        .as("a unit without a plan")
        .isEmpty();
  }

  @Test
  void aBureauLevelOfficialTravelsOnceInTwoYearsAndOthersAsOftenAsApproved() {
    List<TripRequest.Member> delegation =
        List.of(
            new TripRequest.Member("孙厅长", "教育厅副厅长", TripRequest.Rank.bureau),
            new TripRequest.Member("周翻译", "翻译", TripRequest.Rank.staff));
    ProcessInstance first = driver.submit(aTrip().members(delegation).build());
    assertThat(findings(first)).isEmpty();

    JsonNode again =
        findings(
            driver.submit(
                aTrip().members(delegation).departingOn(LocalDate.now().plusMonths(6)).build()));
    assertThat(again.findValuesAsText("rule")).containsExactly("frequency");
    assertThat(again.get(0).get("message").asText()).contains("孙厅长").doesNotContain("周翻译");
  }

  @Test
  void anEarlierTripInAStatusThisVersionDoesNotKnowCountsAndDoesNotStopTheCheck() {
    // written by a later version of the application, sharing the database
    jdbc.update(
        "INSERT INTO trip_registry (process_instance_id, status, report_status, departure_date,"
            + " return_date, updated_at) VALUES ('later-trip', 'LATER_STATUS', 'LATER_REPORT', ?, ?,"
            + " CURRENT_TIMESTAMP)",
        Date.valueOf(LocalDate.now().minusMonths(3)),
        Date.valueOf(LocalDate.now().minusMonths(3).plusDays(5)));
    jdbc.update(
        "INSERT INTO trip_member (process_instance_id, member_index, name, post, member_rank)"
            + " VALUES ('later-trip', 0, '钱厅长', '商务厅副厅长', 'bureau')");

    JsonNode found =
        findings(
            driver.submit(
                aTrip()
                    .members(
                        List.of(new TripRequest.Member("钱厅长", "商务厅副厅长", TripRequest.Rank.bureau)))
                    .build()));

    assertThat(found.findValuesAsText("rule")).containsExactly("frequency");
  }

  @Test
  void aPurposeOfGenericWordsAloneOrWithoutACounterpartIsNotClear() {
    String generic = "考察学习交流访问考察学习交流访问考察学习交流访问学"; // 25 characters
    assertThat(generic.codePointCount(0, generic.length())).isEqualTo(25);
    assertThat(rules.check(aTrip().purpose(generic).build(), true, null))
        .extracting(RuleFinding::rule, RuleFinding::severity)
        .contains(Tuple.tuple("purpose", "blocking"), Tuple.tuple("purpose", "warning"));

    // 20 characters besides the generic words, and the inviting body named: clear
    String clear = "赴日本经济产业省考察学习,谈双边贸易投资合作备忘录";
    assertThat(rules.check(aTrip().purpose(clear).build(), true, null)).isEmpty();
    // one character less besides the generic words
    String oneShort = "赴日本经济产业省考察学习,谈双边贸易投资合作备忘";
    assertThat(rules.check(aTrip().purpose(oneShort).build(), true, null))
        .extracting(RuleFinding::rule, RuleFinding::severity)
        .containsExactly(Tuple.tuple("purpose", "blocking"));

    // the counterpart named by the English part of its name, or a counterpart of the schedule
    assertThat(rules.check(aTrip().purpose("与METI商谈2027年度双边贸易投资合作备忘录的具体条款").build(), true, null))
        .isEmpty();
    assertThat(rules.check(aTrip().purpose("商谈2027年度双边贸易投资合作备忘录的具体条款并签署").build(), true, null))
        .extracting(RuleFinding::rule, RuleFinding::severity)
        .containsExactly(Tuple.tuple("purpose", "warning"));
  }

  @Test
  void theInvitationComesFromADestinationNeverFromChina() {
    assertThat(rules.check(aTrip().invitedBy("韩国产业通商资源部 日本经济产业省", "KR").build(), true, null))
        .extracting(RuleFinding::rule)
        .containsExactly("invitation");
    assertThat(
            rules.check(
                aTrip().countries("JP", "KR").invitedBy("日本经济产业省", "KR").build(), true, null))
        .isEmpty();
    List<RuleFinding> embassy =
        rules.check(aTrip().invitedBy("日本驻华大使馆 日本经济产业省", "CN").build(), true, null);
    assertThat(embassy)
        .extracting(RuleFinding::rule, RuleFinding::severity)
        .containsExactly(Tuple.tuple("invitation", "blocking"));
    assertThat(embassy.get(0).message()).contains("外国驻华机构", "foreign mission in China");
  }

  @Test
  void twoPrincipalLeadersOfTheUnitDoNotTravelTogether() {
    TripRequest.Member director =
        new TripRequest.Member("赵厅长", "商务厅厅长", TripRequest.Rank.bureau, null, true);
    TripRequest.Member deputy =
        new TripRequest.Member("钱副厅长", "商务厅副厅长", TripRequest.Rank.bureau, null, false);
    TripRequest.Member secretary =
        new TripRequest.Member("孙书记", "商务厅党组书记", TripRequest.Rank.bureau, null, true);
    assertThat(rules.check(aTrip().members(List.of(director, deputy)).build(), true, null))
        .isEmpty();
    List<RuleFinding> both =
        rules.check(aTrip().members(List.of(director, secretary)).build(), true, null);
    assertThat(both)
        .extracting(RuleFinding::rule, RuleFinding::severity)
        .containsExactly(Tuple.tuple("leadership", "blocking"));
    assertThat(both.get(0).message()).contains("赵厅长、孙书记");
  }

  @Test
  void aTransitStopCountsAsACountryOnlyWhenTheTravellersLeaveTheAirport() {
    TripRequest three = aTrip().countries("JP", "KR", "TH").days(6).build();
    Function<Boolean, TripRequest> viaSingapore =
        leaves ->
            new TripRequest(
                three.unit(),
                three.purpose(),
                three.members(),
                three.departureDate(),
                three.returnDate(),
                three.itinerary(),
                three.tasks(),
                three.invitation(),
                three.budget(),
                three.planReference(),
                null,
                List.of(new TripRequest.Transit("SG", leaves)));

    assertThat(findings(driver.submit(viaSingapore.apply(false)))).as("airside").isEmpty();
    JsonNode landside = findings(driver.submit(viaSingapore.apply(true)));
    assertThat(landside.findValuesAsText("rule")).containsExactly("countries");
    assertThat(landside.get(0).get("message").asText())
        .contains("4 countries and regions (JP, KR, TH, SG)");
  }

  @Test
  void aLimitChangedInTheTableAppliesOnceRedeployedWithoutACodeChange() throws Exception {
    TripRequest sixMembers = aTrip().members(6).build();
    assertThat(rules.check(sixMembers, true, null)).isEmpty();

    String table = Files.readString(Path.of("bpmn", "trip-rule-check.dmn"));
    String stricter =
        table.replace(
            "<outputEntry id=\"nationalMaxDelegationSize\"><text>6</text>",
            "<outputEntry id=\"nationalMaxDelegationSize\"><text>5</text>");
    assertThat(stricter).isNotEqualTo(table);
    Deployment deployment =
        engine
            .getRepositoryService()
            .createDeployment()
            .name("stricter size limit")
            .addString("trip-rule-check.dmn", stricter)
            .deploy();
    int stricterVersion =
        engine
            .getRepositoryService()
            .createDecisionDefinitionQuery()
            .deploymentId(deployment.getId())
            .decisionDefinitionKey("trip-rule-check")
            .singleResult()
            .getVersion();
    try {
      assertThat(rules.check(sixMembers, true, null))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.rule()).isEqualTo("size");
                // the message quotes the limit from the same cell
                assertThat(finding.message()).contains("超过5人", "more than 5");
                // and the finding names the version of the table that produced it
                assertThat(finding.table()).isEqualTo("trip-rule-check");
                assertThat(finding.tableVersion()).isEqualTo(stricterVersion);
              });
      ProcessInstance trip = driver.submit(sixMembers);
      assertThat(driver.isWaitingAt(trip, TripProcess.REVISE_TRIP_REQUEST)).isTrue();
      assertThat(findings(trip).get(0).get("tableVersion").asInt()).isEqualTo(stricterVersion);
      assertThat(findings(trip).get(0).get("table").asText()).isEqualTo("trip-rule-check");
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
    assertThat(rules.check(sixMembers, true, null)).isEmpty();
  }

  private JsonNode findings(ProcessInstance trip) {
    try {
      return mapper.readTree(
          engine.getRuntimeService().getVariable(trip.getId(), "findings").toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
