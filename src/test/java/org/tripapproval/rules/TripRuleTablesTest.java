package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule tables in bpmn/, evaluated as the engine evaluates them, at each boundary: the last
 * value that passes and the first that does not.
 */
class TripRuleTablesTest {

  static DmnEngine dmn;
  static DmnDecision rules;
  static DmnDecision regions;
  static DmnDecision afterReturn;
  static DmnDecision frequency;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("bpmn", "trip-rule-check.dmn"))) {
      rules = dmn.parseDecision("trip-rule-check", in);
    }
    try (InputStream in = Files.newInputStream(Path.of("bpmn", "destination-region.dmn"))) {
      regions = dmn.parseDecision("destination-region", in);
    }
    try (InputStream in = Files.newInputStream(Path.of("bpmn", "trip-frequency.dmn"))) {
      frequency = dmn.parseDecision("trip-frequency", in);
    }
    try (InputStream in = Files.newInputStream(Path.of("bpmn", "trip-report-check.dmn"))) {
      afterReturn = dmn.parseDecision("trip-report-check", in);
    }
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      6 members                          | delegationSize=6                             | -
      7 members                          | delegationSize=7                             | size
      3 countries                        | countryCount=3                               | -
      4 countries                        | countryCount=4                               | countries
      1 country, 5 days                  | daysAbroad=5                                 | -
      1 country, 6 days                  | daysAbroad=6                                 | days
      1 country, 6 days, Latin America   | daysAbroad=6,extraDays=1                     | -
      1 country, 7 days, Africa          | daysAbroad=7,extraDays=1                     | days
      2 countries, 8 days                | countryCount=2,daysAbroad=8                  | -
      2 countries, 9 days                | countryCount=2,daysAbroad=9                  | days
      2 countries, 9 days, extra day     | countryCount=2,daysAbroad=9,extraDays=1      | -
      3 countries, 10 days               | countryCount=3,daysAbroad=10                 | -
      3 countries, 11 days               | countryCount=3,daysAbroad=11                 | days
      3 countries, 12 days, extra day    | countryCount=3,daysAbroad=12,extraDays=1     | days
      purpose of 20 characters           | purposeLength=20                             | -
      purpose of 19 characters           | purposeLength=19                             | purpose
      20 meaningful characters           | purposeLength=20,purposeMeaningfulLength=20  | -
      19 meaningful of 25 characters     | purposeLength=25,purposeMeaningfulLength=19  | purpose
      generic words only, too short too  | purposeLength=8,purposeMeaningfulLength=0    | purpose
      purpose names no counterpart       | purposeNamesCounterpart=false                | purpose
      no invitation letter               | invitationLetterAttached=false               | invitation
      invited from a destination         | invitingCountry=KR,invitingCountryIsDestination=true | -
      invited from elsewhere             | invitingCountry=KR,invitingCountryIsDestination=false | invitation
      invited from China                 | invitingCountry=CN,invitingCountryIsDestination=false | invitation
      one principal leader               | principalLeaders=1                           | -
      two principal leaders              | principalLeaders=2,principalLeaderNames=赵厅长、钱局长 | leadership
      official activity on 4 of 6 days   | officialDays=4,scheduleDays=6                | -
      official activity on 3 of 6 days   | officialDays=3,scheduleDays=6                | tasks
      official activity on 2 of 3 days   | officialDays=2,scheduleDays=3                | -
      a member with an overdue report    | overdueMembers=王五                          | overdue
      a member who travels too often     | tooFrequentMembers=赵厅长                    | frequency
      a member's passport is not back    | unreturnedPassportMembers=王五               | overdue
      a member's passport expires too soon | passportExpiringMembers=陈晓               | passport
      lodging at the standard            | lodgingBudget=5640,lodgingStandard=5640      | -
      lodging a yuan over the standard   | lodgingBudget=5641,lodgingStandard=5640      | budget
      lodging, no standard to compare    | lodgingBudget=5641                           | -
      meals at the standard              | mealsBudget=5640,mealsStandard=5640          | -
      meals a yuan over the standard     | mealsBudget=5641,mealsStandard=5640          | budget
      a destination without a standard   | countriesWithoutStandard=US                  | budget
      submitted on the latest day        | submittedOn=2027-01-15                       | -
      submitted a day after it           | submittedOn=2027-01-16                       | leadTime
      """)
  void eachRuleFindsFromItsBoundaryOn(String situation, String changes, String expectedRule) {
    Map<String, Object> facts = validTrip();
    for (String change : changes.split(",")) {
      String[] pair = change.split("=");
      facts.put(
          pair[0],
          pair[1].matches("-?\\d+")
              ? (Object) Integer.valueOf(pair[1])
              : pair[1].matches("true|false") ? (Object) Boolean.valueOf(pair[1]) : pair[1]);
    }
    List<Map<String, Object>> findings = dmn.evaluateDecisionTable(rules, facts).getResultList();
    if ("-".equals(expectedRule)) {
      assertThat(findings).as(situation).isEmpty();
    } else {
      assertThat(findings)
          .as(situation)
          .extracting(f -> f.get("rule"))
          .containsExactly(expectedRule);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      7 members          | delegationSize=7            | 团组7人            | 7 members
      4 countries        | countryCount=4              | (JP, KR, SG, TH)   | 4 countries and regions
      6 days             | daysAbroad=6                | 在外6天            | 6 days abroad
      a member overdue   | overdueMembers=王五         | 团员王五           | 王五: a report
      passport not back  | unreturnedPassportMembers=王五 | 团员王五前次出访 | 王五: the passport
      passport expiring  | passportExpiringMembers=陈晓 | 团员陈晓的护照有效期不足回国后6个月 | 陈晓: no passport valid for 6 months after the return date
      lodging over       | lodgingBudget=6000          | 住宿费预算6000元,超过标准5640元(JP, KR, SG, TH,按人数和晚数;开支标准example-2013-516,汇率example-rates) | CNY 6000 exceeds the standard of CNY 5640 (JP, KR, SG, TH, by members and nights; standards example-2013-516, rates example-rates)
      no standard        | countriesWithoutStandard=US | 开支标准(example-2013-516)和汇率(example-rates)中没有US的 | No per-diem standard for US in the standards (example-2013-516) and rates (example-rates) in force on the departure day
      none in force      | countriesWithoutStandard=US,standardsVersion=,ratesVersion= | 开支标准(未载入)和汇率(未载入)中没有US的 | in the standards (none loaded) and rates (none loaded)
      generic purpose    | purposeMeaningfulLength=19  | 不足20字           | fewer than 20 characters
      no counterpart     | purposeNamesCounterpart=false | 未写明对方单位   | names no counterpart
      invited in China   | invitingCountry=CN          | 外国驻华机构       | foreign mission in China
      invited elsewhere  | invitingCountry=KR,invitingCountryIsDestination=false | 邀请单位所在国(KR)不在出访国家和地区 | (KR) is not one of the destinations
      two leaders        | principalLeaders=2,principalLeaderNames=赵厅长、钱局长 | 主要负责人2人(赵厅长、钱局长) | 2 principal leaders of the unit (赵厅长、钱局长)
      submitted late     | submittedOn=2027-01-16      | 最迟应于2027-01-15提交;如今天提交,最早可于2027-02-03出发 | the request was due by 2027-01-15, and submitted today the earliest departure is 2027-02-03
      region lead time   | submittedOn=2027-01-16,leadTimeRegionDays=60 | 10个工作日供审核和行前公示,目的地区域须提前60天申报 | 10 working days for review and the pre-trip disclosure, 60 days for the destination's region
      """)
  void messagesNameWhatTheyAreAbout(
      String situation, String change, String chinese, String english) {
    Map<String, Object> facts = validTrip();
    facts.put("countries", "JP, KR, SG, TH");
    facts.put("lodgingStandard", BigDecimal.valueOf(5640));
    for (String each : change.split(",")) {
      String[] pair = each.split("=", -1);
      facts.put(
          pair[0],
          pair[1].matches("\\d+")
              ? (Object) Integer.valueOf(pair[1])
              : pair[1].matches("true|false") ? (Object) Boolean.valueOf(pair[1]) : pair[1]);
    }
    String message =
        (String) dmn.evaluateDecisionTable(rules, facts).getSingleResult().get("message");
    assertThat(message).as(situation).contains(chinese, english);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      7 members                   | delegationSize=7              | 超过6人(含翻译)      | more than 6 (interpreter
      4 countries                 | countryCount=4                | 超过3个              | more than 3
      1 country, 6 days           | daysAbroad=6                  | 出访1国不超过5天     | a trip to JP allows 5
      2 countries, 9 days         | countryCount=2,daysAbroad=9   | 出访2国不超过8天     | a trip to JP allows 8
      1 country, 7 days, Africa   | daysAbroad=7,extraDays=1      | (拉美、非洲6天)      | (6 with Latin America or Africa)
      purpose of 19 characters    | purposeLength=19              | 少于20字             | fewer than 20 characters
      official activity on 3 of 6 | officialDays=3,scheduleDays=6 | 不足6天的2/3         | less than 2/3
      """)
  void messagesQuoteTheLimitsOfTheLimitsTables(
      String situation, String changes, String chinese, String english) {
    Map<String, Object> facts = validTrip();
    for (String change : changes.split(",")) {
      String[] pair = change.split("=");
      facts.put(pair[0], Integer.valueOf(pair[1]));
    }
    String message =
        (String) dmn.evaluateDecisionTable(rules, facts).getSingleResult().get("message");
    assertThat(message).as(situation).contains(chinese, english);
  }

  @Test
  void aLatePassportMessageQuotesTheLimitOfTheReportLimitsTable() {
    Map<String, Object> facts = new HashMap<>();
    facts.put("approvedDepartureDay", 20000);
    facts.put("actualDepartureDay", 20000);
    facts.put("approvedReturnDay", 20004);
    facts.put("actualReturnDay", 20004);
    facts.put("countriesAdded", "");
    facts.put("countriesDropped", "");
    facts.put("passportDaysAfterReturn", 9);
    String message =
        (String) dmn.evaluateDecisionTable(afterReturn, facts).getSingleResult().get("message");
    assertThat(message).contains("9天交回,超过7天", "9 days after return, more than 7");
  }

  @ParameterizedTest(name = "{0} is {1}: {2} extra day")
  @CsvSource({
    "BR, latinAmerica, 1",
    "MX, latinAmerica, 1",
    "KE, africa, 1",
    "EG, africa, 1",
    "JP, other, 0",
    "FR, other, 0"
  })
  void latinAmericaAndAfricaGiveAnExtraDay(String country, String region, int extraDays) {
    Map<String, Object> result =
        dmn.evaluateDecisionTable(regions, Map.of("country", country))
            .getSingleResult()
            .getEntryMap();
    assertThat(result).containsEntry("region", region).containsEntry("extraDays", extraDays);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      as approved, passport back in 7 days | passportDaysAfterReturn=7                    | -
      passport back after 8 days           | passportDaysAfterReturn=8                    | passport
      left a day late                      | actualDepartureDay=20001                     | deviation
      came back a day early                | actualReturnDay=20003                        | deviation
      visited Korea too                    | countriesAdded=KR                            | deviation
      skipped Japan                        | countriesDropped=JP                          | deviation
      """)
  void afterReturnEveryDifferenceIsAFinding(String situation, String change, String expectedRule) {
    Map<String, Object> facts =
        new HashMap<>(
            Map.of(
                "approvedDepartureDay",
                20000,
                "actualDepartureDay",
                20000,
                "approvedReturnDay",
                20004,
                "actualReturnDay",
                20004,
                "approvedDepartureDate",
                "2024-10-04",
                "actualDepartureDate",
                "2024-10-04",
                "approvedReturnDate",
                "2024-10-08",
                "actualReturnDate",
                "2024-10-08"));
    facts.put("countriesAdded", "");
    facts.put("countriesDropped", "");
    facts.put("passportDaysAfterReturn", 2);
    String[] pair = change.split("=");
    facts.put(pair[0], pair[1].matches("\\d+") ? (Object) Integer.valueOf(pair[1]) : pair[1]);
    List<Map<String, Object>> findings =
        dmn.evaluateDecisionTable(afterReturn, facts).getResultList();
    if ("-".equals(expectedRule)) {
      assertThat(findings).as(situation).isEmpty();
    } else {
      assertThat(findings)
          .as(situation)
          .extracting(f -> f.get("rule"))
          .containsExactly(expectedRule);
      assertThat((String) findings.get(0).get("message"))
          .as(situation)
          .contains(
              pair[0].startsWith("countries")
                  ? pair[1]
                  : pair[0].startsWith("passport") ? "8 days" : "2024-10-0");
    }
  }

  @ParameterizedTest(name = "{0}: {1} in {2} years")
  @CsvSource({"provincial, 1, 1", "bureau, 1, 2", "division, , ", "section, , ", "staff, , "})
  void howOftenEachRankMayTravel(String rank, Integer maxTrips, Integer years) {
    var limit = dmn.evaluateDecisionTable(frequency, Map.of("rank", rank)).getSingleResult();
    if (maxTrips == null) {
      assertThat(limit).as(rank + " has no limit").isNull();
    } else {
      assertThat(limit.getEntryMap())
          .containsEntry("maxTrips", maxTrips)
          .containsEntry("periodYears", years);
    }
  }

  /** A four-day planned trip to Japan by two people: no finding. */
  private static Map<String, Object> validTrip() {
    Map<String, Object> facts = new HashMap<>();
    facts.put("delegationSize", 2);
    facts.put("countryCount", 1);
    facts.put("countries", "JP");
    facts.put("daysAbroad", 4);
    facts.put("extraDays", 0);
    facts.put("purposeLength", 30);
    facts.put("purposeMeaningfulLength", 30);
    facts.put("purposeNamesCounterpart", true);
    facts.put("invitationLetterAttached", true);
    facts.put("invitingCountry", "JP");
    facts.put("invitingCountryIsDestination", true);
    facts.put("principalLeaders", 1);
    facts.put("principalLeaderNames", "赵厅长");
    facts.put("officialDays", 4);
    facts.put("scheduleDays", 4);
    facts.put("overdueMembers", "");
    facts.put("planProblem", "");
    facts.put("tooFrequentMembers", "");
    facts.put("unreturnedPassportMembers", "");
    facts.put("passportExpiringMembers", "");
    facts.put("lodgingBudget", null);
    facts.put("lodgingStandard", null);
    facts.put("mealsBudget", null);
    facts.put("mealsStandard", null);
    facts.put("countriesWithoutStandard", "");
    facts.put("standardsVersion", "example-2013-516");
    facts.put("ratesVersion", "example-rates");
    facts.put("submittedOn", "2027-01-10");
    facts.put("departureDate", "2027-01-30");
    facts.put("latestSubmission", "2027-01-15");
    facts.put("earliestDeparture", "2027-02-03");
    facts.put("leadTimeWorkingDays", 10);
    facts.put("leadTimeRegionDays", 0);
    return facts;
  }
}
