package org.tripapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.tripapproval.support.Files.pdfBytes;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.rules.AnnualPlans;
import org.tripapproval.support.Browser;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripVariables;

/**
 * Every form renders and submits in Camunda Tasklist, in a real browser, as the demo users use
 * them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM: close it before the next IT starts its own
class TasklistIT {

  private static final String PURPOSE = aTrip().build().purpose();

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired AuditTrail trail;
  @Autowired IdentityService identityService;
  @Autowired AnnualPlans plans;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;
  // one Chromium for the class: starting it is most of a short test's time; each test starts clean
  static Browser browser;
  TripDriver driver;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.start();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void forgetTheLastTest() {
    browser.forgetEverything("http://localhost:" + port);
    driver = new TripDriver(engine, mapper);
  }

  @AfterEach
  void keepTheLastPage() throws Exception {
    browser.screenshot("tasklist-last");
  }

  @Test
  void applicantSubmitsTheStartFormAndTheUnitHeadApprovesInTasklist() throws Exception {
    logIn("zhang.wei");
    browser.click(By.cssSelector(".start-process-action a"));
    browser.click(By.partialLinkText("Official trip abroad"));
    fillStartForm();
    browser.screenshot("start-form-filled");
    Set<String> earlier = runningTripIds();
    browser.click(By.cssSelector(".modal-footer button.btn-primary[type='submit']"));

    ProcessInstance trip = tripStartedSince(earlier);
    Task review =
        taskService
            .createTaskQuery()
            .processInstanceId(trip.getId())
            .taskDefinitionKey(TripProcess.REVIEW_TRIP_REQUEST)
            .singleResult();
    assertThat(review)
        .as("the request passed the rule check and waits for the unit head")
        .isNotNull();
    assertThat(runtimeService.getVariable(trip.getId(), "trip").toString())
        .contains(PURPOSE, "\"country\":\"JP\"");
    // every revision as stored, the client's first one included, is the request and nothing else
    assertThat(
            historyService
                .createHistoricDetailQuery()
                .processInstanceId(trip.getId())
                .variableUpdates()
                .list())
        .map(HistoricVariableUpdate.class::cast)
        .filteredOn(update -> "trip".equals(update.getVariableName()))
        .isNotEmpty()
        .allSatisfy(
            update -> assertThat(String.valueOf(update.getValue())).doesNotContain("$$hashKey"));

    browser.driver().manage().deleteAllCookies();
    logIn("li.na");
    openTask(review);
    browser.click(By.cssSelector("[ng-click='claim()']"));
    browser.waitUntilTextContains(By.id("summary-purpose"), PURPOSE);
    // the trip is named by its request number, the business key, on the form and in the task list
    String number = trip.getBusinessKey();
    assertThat(number).startsWith("省商务厅-");
    browser.waitUntilTextContains(By.id("requestNumber"), number);
    browser.waitUntilTextContains(
        By.cssSelector(".tasks-list"), "Review trip request 审核出国申请 · " + number);
    // each entry tells its trip apart: who, where and when, in words
    assertThat(browser.visible(By.cssSelector(".tasks-list")).getText())
        .contains(number + " · 张伟", "日本 Japan", "年");
    // names and words, not ids and codes
    browser.waitUntilTextContains(By.id("summary-applicant"), "张伟");
    assertThat(browser.visible(By.id("summary-applicant")).getText())
        .contains("省商务厅 Department of Commerce")
        .doesNotContain("zhang.wei", "(commerce)");
    assertThat(browser.visible(By.id("summary-members")).getText()).contains("处级 Division level");
    assertThat(browser.visible(By.id("summary-itinerary")).getText()).contains("日本 Japan");
    browser.visible(By.cssSelector("a[cam-file-download='invitationLetter']"));
    browser.click(By.id("decisionApprove"));
    browser.type("decisionReason", "同意出访 agreed");
    browser.screenshot("review-form-filled");
    browser.click(By.cssSelector("button[ng-click='complete()']"));

    waitFor(
        () ->
            historyService
                .createHistoricTaskInstanceQuery()
                .taskId(review.getId())
                .finished()
                .singleResult());
    assertThat(runtimeService.getVariable(trip.getId(), "decisions").toString())
        .contains("\"decidedBy\":\"li.na\"", "\"decision\":\"approve\"");
  }

  @Test
  void theServersRefusalIsShownAndStartsNothing() throws Exception {
    long before = runtimeService.createProcessInstanceQuery().count();
    logIn("zhang.wei");
    browser.click(By.cssSelector(".start-process-action a"));
    browser.click(By.partialLinkText("Official trip abroad"));
    fillStartForm(LocalDate.now().minusDays(2));
    browser.click(By.cssSelector(".modal-footer button.btn-primary[type='submit']"));

    browser.waitForPageText("the departure date is in the past");
    // beside the field it is about, in both languages
    browser.waitUntilTextContains(
        By.cssSelector("[data-error-for='departureDate']"),
        "出发日期已过 / the departure date is in the past");
    browser.screenshot("server-refusal-beside-field");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void hostileTextInARequestIsShownAsTextOnTheReviewForm() throws Exception {
    String purpose = "<img src=x onerror=\"window.xss='purpose'\"> 与日本经济产业省商谈合作备忘录的具体条款 {{ 7*7 }}";
    String member = "<script>window.xss='member'</script>李四";
    ProcessInstance trip =
        driver.submit(
            aTrip()
                .purpose(purpose)
                .members(
                    List.of(
                        new TripRequest.Member("张伟", "副处长", TripRequest.Rank.division),
                        new TripRequest.Member(member, "翻译", TripRequest.Rank.staff)))
                .build());
    Task review = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);
    logIn("li.na");
    openTask(review);
    browser.waitUntilTextContains(By.id("summary-purpose"), "与日本经济产业省");
    assertThat(browser.visible(By.id("summary-purpose")).getText()).isEqualTo(purpose);
    browser.waitUntilTextContains(By.tagName("body"), member);
    assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.xss || null"))
        .as("no script from the request ran")
        .isNull();
  }

  @Test
  void theStartFormChecksADraftAgainstTheRulesBeforeSubmitting() throws Exception {
    long before = runtimeService.createProcessInstanceQuery().count();
    logIn("zhang.wei");
    browser.click(By.cssSelector(".start-process-action a"));
    browser.click(By.partialLinkText("Official trip abroad"));
    fillStartForm(LocalDate.now().plusDays(30));
    browser.click(By.id("checkDraft"));
    browser.waitUntilTextContains(By.id("draftCheckResult"), "未发现问题 No findings");

    // one member, three days in Japan: 2 nights x JPY 20000 x 0.047 = CNY 1880 for lodging
    new Select(browser.visible(By.id("budget-category-0"))).selectByVisibleText("住宿费 Lodging");
    browser.click(By.id("checkDraft"));
    browser.waitUntilTextContains(By.id("draftCheckResult"), "提示 Warning");
    assertThat(browser.visible(By.id("draftCheckResult")).getText())
        .contains(
            "The lodging budget of CNY 12000 exceeds the standard of CNY 1880 (JP", "财行〔2013〕516号");

    browser.driver().findElement(By.id("purpose")).clear();
    browser.type("purpose", "考察学习");
    browser.click(By.id("checkDraft"));
    browser.waitUntilTextContains(By.id("draftCheckResult"), "须更正 Blocking");
    assertThat(browser.visible(By.id("draftCheckResult")).getText())
        .contains("fewer than 20 characters");

    // the server's problems of a draft stand beside their fields
    browser.driver().findElement(By.id("budget-source-0")).clear();
    browser.click(By.id("checkDraft"));
    browser.waitUntilTextContains(
        By.cssSelector("[data-error-for='budget[0].fundingSource']"),
        "请填写经费来源 / The funding source is required");
    assertThat(runtimeService.createProcessInstanceQuery().count())
        .as("a check starts nothing")
        .isEqualTo(before);
  }

  @Test
  void aDepartureTooSoonIsNamedBesideTheDateAndAMissingDeclarationBesideItsBox() throws Exception {
    long before = runtimeService.createProcessInstanceQuery().count();
    logIn("zhang.wei");
    browser.click(By.cssSelector(".start-process-action a"));
    browser.click(By.partialLinkText("Official trip abroad"));
    fillStartForm(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3));
    browser.click(By.id("checkDraft"));
    browser.waitUntilTextContains(By.cssSelector("[data-finding-for='departureDate']"), "最迟应于");
    assertThat(browser.visible(By.cssSelector("[data-finding-for='departureDate']")).getText())
        .contains("the earliest departure is");
    ((JavascriptExecutor) browser.driver())
        .executeScript(
            "arguments[0].scrollIntoView({block: 'start'});",
            browser.visible(By.id("departureDate")));
    browser.screenshot("lead-time-beside-departure");

    browser.click(By.id("declareNoIntermediary"));
    browser.click(By.id("checkDraft"));
    browser.waitUntilTextContains(
        By.cssSelector("[data-error-for='invitation.noIntermediary']"), "中介机构");
    browser.screenshotOfThePage("declaration-missing");
    assertThat(runtimeService.createProcessInstanceQuery().count())
        .as("a check starts nothing")
        .isEqualTo(before);
  }

  @Test
  void applicantPicksTheUnitByNameTheCountryByItsChineseNameAndThePlanEntry() throws Exception {
    // an applicant of two units, whose second unit has a plan for the year of departure
    String user = "wu.min";
    User applicant = identityService.newUser(user);
    applicant.setFirstName("吴敏");
    applicant.setLastName("(applicant)");
    applicant.setPassword("Trip-Demo-2026");
    identityService.saveUser(applicant);
    for (String group : List.of("applicants", "commerce", "education")) {
      identityService.createMembership(user, group);
    }
    LocalDate departure = LocalDate.now().plusYears(1).plusDays(100);
    plans.load(
        "education",
        departure.getYear(),
        "reference,title,headcount\nJY-07,赴日本商谈职业教育合作,3\nJY-08,赴德国考察双元制,2\n",
        "admin");
    try {
      logIn(user);
      browser.click(By.cssSelector(".start-process-action a"));
      browser.click(By.partialLinkText("Official trip abroad"));
      Select unit = new Select(browser.visible(By.id("unit")));
      assertThat(unit.getOptions())
          .extracting(WebElement::getText)
          .contains("省商务厅 Department of Commerce", "省教育厅 Department of Education")
          .doesNotContain("commerce", "education");
      unit.selectByVisibleText("省教育厅 Department of Education");
      browser.setValue("departureDate", departure.toString());
      browser.setValue("returnDate", departure.plusDays(2).toString());
      Select plan = new Select(browser.visible(By.cssSelector("select#planReference")));
      browser.waitUntilTextContains(By.cssSelector("select#planReference"), "JY-07");
      plan.selectByVisibleText("JY-07 赴日本商谈职业教育合作(3 人 people)");

      browser.type("purpose", PURPOSE);
      browser.type("task-0", "商谈合作备忘录条款");
      // two officials called 王伟: picked from the directory by unit and post, on a phone
      browser.phoneSized();
      browser.type("member-search-0", "王伟");
      browser.waitUntilTextContains(By.cssSelector(".person-results"), "JY0231");
      assertThat(browser.driver().findElements(By.cssSelector(".person-results .person-choice")))
          .extracting(WebElement::getText)
          .anySatisfy(text -> assertThat(text).contains("王伟", "省商务厅", "SW0112"))
          .anySatisfy(text -> assertThat(text).contains("王伟", "省教育厅", "科员", "JY0231"));
      browser.screenshot("member-directory-choices-phone");
      browser.driver().findElements(By.cssSelector(".person-results .person-choice")).stream()
          .filter(choice -> choice.getText().contains("JY0231"))
          .findFirst()
          .orElseThrow()
          .click();
      browser.waitUntilTextContains(By.id("member-picked-0"), "JY0231");
      assertThat(browser.visible(By.id("member-name-0")).getAttribute("value")).isEqualTo("王伟");
      assertThat(browser.visible(By.id("member-name-0")).getAttribute("readonly")).isNotNull();
      // and a foreign expert from outside the directory, by passport
      browser.click(By.id("addMember"));
      browser.click(By.id("member-outside-1"));
      new Select(browser.visible(By.id("member-idtype-1"))).selectByVisibleText("护照 Passport");
      browser.type("member-idnumber-1", "e12345678");
      browser.type("member-name-1", "Anna Schmidt");
      browser.type("member-post-1", "德国职业教育专家");
      new Select(browser.visible(By.id("member-rank-1"))).selectByVisibleText("科员 Staff");
      assertThat(browser.pageWidth()).as("the delegation on a phone").isLessThanOrEqualTo(390);
      browser.screenshot("member-picked-phone");
      browser.desktopSized();
      browser.click(By.id("generateDays"));
      // typed in Chinese, picked from the list of names
      pickCountry("day-country-0", "日本", "JP");
      assertThat(browser.visible(By.id("day-country-0")).getAttribute("value"))
          .isEqualTo("日本 Japan");
      browser.screenshot("country-picked");
      for (int day = 0; day < 3; day++) {
        if (day > 0) {
          assertThat(browser.visible(By.id("day-country-" + day)).getAttribute("value"))
              .as("the days after take the country picked for the first")
              .isEqualTo("日本 Japan");
        }
        browser.type("day-city-" + day, "东京 Tokyo");
        browser.type("day-activity-" + day, "与日本文部科学省职业教育司会谈,商定2028年度交换培训项目的名额、课程与经费分担");
        browser.type("day-counterpart-" + day, "日本文部科学省 MEXT");
      }
      browser.type("invitationOrganisation", "日本文部科学省 MEXT");
      pickCountry("invitationCountry", "Japan", "JP");
      declare();
      browser.type("budget-item-0", "国际旅费 travel");
      browser.type("budget-amount-0", "9000");
      browser.type("budget-source-0", "部门预算 unit budget");
      attachInvitation();
      browser.screenshotOfThePage("start-form-pickers");
      Set<String> earlier = runningTripIds();
      browser.click(By.cssSelector(".modal-footer button.btn-primary[type='submit']"));

      ProcessInstance trip = tripStartedSince(earlier);
      TripRequest stored =
          mapper.readValue(
              runtimeService.getVariable(trip.getId(), "trip").toString(), TripRequest.class);
      assertThat(stored.unit()).isEqualTo("education");
      assertThat(stored.planReference()).isEqualTo("JY-07");
      assertThat(stored.countries()).containsExactly("JP");
      assertThat(stored.invitation().country()).isEqualTo("JP");
      assertThat(stored.invitation().noIntermediary()).isTrue();
      assertThat(stored.invitation().notPaidByCompanyOrOverseasChinese()).isTrue();
      assertThat(stored.itinerary().get(0).activity()).startsWith("与日本文部科学省职业教育司会谈");
      assertThat(stored.members())
          .extracting(
              TripRequest.Member::personId, TripRequest.Member::name, TripRequest.Member::post)
          .containsExactly(
              tuple("JY0231", "王伟", "省教育厅 国际合作处 科员"),
              tuple("PASSPORT:E12345678", "Anna Schmidt", "德国职业教育专家"));
    } finally {
      identityService.deleteUser(user);
    }
  }

  @Test
  void aRefusalIsShownInWordsBesideItsField() throws Exception {
    logIn("zhang.wei");
    browser.click(By.cssSelector(".start-process-action a"));
    browser.click(By.partialLinkText("Official trip abroad"));
    LocalDate departure = LocalDate.now().plusDays(40);
    browser.setValue("departureDate", departure.toString());
    browser.setValue("returnDate", departure.minusDays(2).toString());
    browser.waitUntilTextContains(
        By.cssSelector("[data-error-for='returnDate']"),
        "回国日期早于出发日期 / The return date is before the departure date");
    // a name that is no country, and a field left empty
    browser.type("invitationCountry", "日本国外");
    browser.type("invitationOrganisation", "");
    browser.click(By.id("purpose"));
    browser.waitUntilTextContains(
        By.cssSelector("[data-error-for='invitation.country']"), "Choose a country or region");
    browser.waitUntilTextContains(
        By.cssSelector("[data-error-for='invitation.organisation']"), "必填 / Required");
    browser.screenshotOfThePage("refusals-beside-fields");
    browser.setValue("returnDate", departure.plusDays(2).toString());
    browser.waitUntilGone(By.cssSelector("[data-error-for='returnDate']"));
  }

  @Test
  void aReviewerDecidesOnAPhone() throws Exception {
    ProcessInstance trip = driver.submit(aTrip().build());
    Task review = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);
    logIn("li.na");
    browser.phoneSized();
    openTask(review);
    browser.click(By.cssSelector("[ng-click='claim()']"));
    browser.waitUntilTextContains(By.id("summary-purpose"), PURPOSE);
    // the applicant's declaration, in words
    WebElement declaration = browser.visible(By.id("declaration"));
    ((JavascriptExecutor) browser.driver())
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", declaration);
    browser.screenshot("review-phone-declaration");
    assertThat(declaration.getText())
        .contains("已声明:未通过中介机构安排或购买", "Declared: not paid by a commercial or overseas Chinese");
    browser.screenshotOfThePage("review-phone");
    // the budget reads as cards, not a table wider than the phone
    WebElement budget = browser.visible(By.id("summary-budget"));
    ((JavascriptExecutor) browser.driver())
        .executeScript("arguments[0].scrollIntoView({block: 'center'});", budget);
    browser.screenshot("review-phone-budget");
    assertThat(budget.getRect().getX() + budget.getRect().getWidth()).isLessThanOrEqualTo(390);
    assertThat(budget.getText()).contains("12,000.00", "部门预算 unit budget");
    assertThat(
            ((JavascriptExecutor) browser.driver())
                .executeScript(
                    "return getComputedStyle(document.querySelector('#summary-budget td')).display"))
        .as("each item a card: its cells one under the other, each with its label")
        .isEqualTo("block");

    browser.click(By.id("decisionSendBack"));
    browser.waitUntilTextContains(
        By.cssSelector("[data-error-for='decisionReason']"), "Say why you send it back");
    WebElement complete = browser.visible(By.cssSelector("button[ng-click='complete()']"));
    assertThat(complete.isEnabled()).as("no send-back without a reason").isFalse();
    browser.type("decisionReason", "请补充会谈议题 list the topics");
    browser.waitUntilGone(By.cssSelector("[data-error-for='decisionReason']"));
    assertThat(complete.getRect().getX() + complete.getRect().getWidth())
        .as("the button lies within the phone's width")
        .isLessThanOrEqualTo(390);
    browser.screenshot("review-phone-decided");
    browser.click(By.cssSelector("button[ng-click='complete()']"));
    waitFor(
        () ->
            historyService
                .createHistoricTaskInstanceQuery()
                .taskId(review.getId())
                .finished()
                .singleResult());
    assertThat(runtimeService.getVariable(trip.getId(), "decisions").toString())
        .contains("\"decision\":\"sendBack\"", "list the topics");
  }

  /** Types part of a name into a country picker and picks the country from its list. */
  private void pickCountry(String id, String typed, String code) {
    browser.type(id, typed);
    browser.click(
        By.xpath(
            "//input[@id='"
                + id
                + "']/ancestor::div[contains(@class,'country-picker')]//a[@data-code='"
                + code
                + "']"));
  }

  @Test
  void reviewerCannotRejectWithoutAReason() throws Exception {
    ProcessInstance trip = driver.submit(aTrip().build());
    Task review = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST);
    logIn("li.na");
    openTask(review);
    browser.click(By.cssSelector("[ng-click='claim()']"));
    browser.click(By.id("decisionReject"));
    assertThat(browser.visible(By.cssSelector("button[ng-click='complete()']")).isEnabled())
        .isFalse();
    browser.type("decisionReason", "出访必要性不足");
    assertThat(browser.visible(By.cssSelector("button[ng-click='complete()']")).isEnabled())
        .isTrue();
  }

  @Test
  void applicantRevisesWhatWasSentBackThenWithdrawsFromMyTrips() throws Exception {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.review(trip, "sendBack", "请补充会谈议题 list the topics");
    logIn("zhang.wei");

    openTask(driver.openTask(trip, TripProcess.REVISE_TRIP_REQUEST));
    browser.waitUntilTextContains(By.id("decisions"), "请补充会谈议题 list the topics");
    browser.waitForValue("purpose", PURPOSE);
    browser.type("purpose", PURPOSE + ",并确定会谈议题清单");
    browser.screenshot("revise-form-filled");
    browser.click(By.cssSelector("button[ng-click='complete()']"));
    waitFor(() -> driver.isWaitingAt(trip, TripProcess.REVIEW_TRIP_REQUEST) ? trip : null);
    assertThat(runtimeService.getVariable(trip.getId(), "trip").toString()).contains("会谈议题清单");

    // My trips, from Tasklist's header: the trip by its request number, in words, withdrawable
    String number = (String) runtimeService.getVariable(trip.getId(), TripVariables.REQUEST_NUMBER);
    browser.click(By.id("myTripsLink"));
    browser.waitForUrl(audit("/trips/"));
    By row = By.cssSelector("tr[data-trip='" + trip.getId() + "']");
    browser.waitUntilTextContains(row, number);
    assertThat(browser.visible(row).getText())
        .contains("日本 Japan", "审批中 In review", "审核中 In review · 单位负责人 Unit head")
        .doesNotContain("commerce", "JP,", "IN_REVIEW");
    browser.screenshotOfThePage("my-trips");

    // the reason is required, and the refusal is shown beside it
    browser.click(By.cssSelector("button.withdraw[data-trip='" + trip.getId() + "']"));
    browser.visible(By.id("reason-" + trip.getId()));
    browser.click(By.cssSelector("button.confirm-withdrawal[data-trip='" + trip.getId() + "']"));
    browser.waitUntilTextContains(By.id("reason-error-" + trip.getId()), "请说明撤回的理由");
    browser.waitUntilTextContains(
        By.id("reason-error-" + trip.getId()), "say why the trip is withdrawn");
    browser.screenshotOfThePage("my-trips-reason-refused");
    assertThat(driver.isWaitingAt(trip, TripProcess.REVIEW_TRIP_REQUEST)).isTrue();

    browser.type("reason-" + trip.getId(), "外方会谈推迟 the talks were postponed");
    browser.click(By.cssSelector("button.confirm-withdrawal[data-trip='" + trip.getId() + "']"));
    waitFor(
        () ->
            historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(trip.getId())
                .finished()
                .singleResult());
    assertThat(
            historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(trip.getId())
                .singleResult()
                .getEndActivityId())
        .isEqualTo(TripProcess.TRIP_WITHDRAWN);
    browser.waitUntilTextContains(row, "已撤回 Withdrawn");
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector("button.withdraw[data-trip='" + trip.getId() + "']")))
        .as("nothing left to withdraw")
        .isEmpty();
    browser.screenshotOfThePage("my-trips-withdrawn");
    assertThat(trail.forTrip(trip.getId()))
        .filteredOn(entry -> entry.event().equals("trip.ended"))
        .extracting(AuditTrail.TrailEntry::actor)
        .containsExactly("zhang.wei");
  }

  @Test
  void applicantChangesTheApprovedTripFromMyTripsAndTheOfficeApprovesTheChangeOnAPhone()
      throws Exception {
    TripRequest approved = aTrip().build();
    ProcessInstance trip = driver.submit(approved);
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED);
    LocalDate departure = approved.departureDate().plusDays(3);
    LocalDate returning = approved.returnDate().plusDays(3);

    // My trips offers the change; the change itself is the applicant's task in Tasklist
    logIn("zhang.wei");
    browser.open(audit("/trips/"));
    By change = By.cssSelector("button.request-change[data-trip='" + trip.getId() + "']");
    browser.visible(change);
    browser.screenshotOfThePage("my-trips-change-offered");
    browser.click(change);
    waitFor(() -> driver.isWaitingAt(trip, TripProcess.REQUEST_TRIP_CHANGE) ? trip : null);
    browser.waitForValue("departureDate", approved.departureDate().toString());
    browser.setValue("departureDate", departure.toString());
    browser.setValue("returnDate", returning.toString());
    browser.click(By.id("generateDays"));
    for (int day = 0; day < 4; day++) {
      browser.type("day-country-" + day, "JP");
      browser.type("day-city-" + day, "Tokyo");
      browser.type("day-activity-" + day, "会谈 talks");
      browser.type("day-counterpart-" + day, "经济产业省 METI");
    }
    browser.type("changeReason", "外方会谈推迟三天 the talks moved three days later");
    browser.click(By.id("changeSubmit"));
    browser.screenshotOfThePage("request-trip-change-filled");
    browser.click(By.cssSelector("button[ng-click='complete()']"));
    waitFor(() -> driver.isWaitingAt(trip, TripProcess.REVIEW_TRIP_CHANGE) ? trip : null);

    // the office sees what changes, beside what was approved, on a phone
    browser.forgetEverything("http://localhost:" + port);
    logIn("wang.fang");
    browser.phoneSized();
    openTask(driver.openTask(trip, TripProcess.REVIEW_TRIP_CHANGE));
    browser.click(By.cssSelector("[ng-click='claim()']"));
    browser.waitUntilTextContains(By.id("changedDates"), departure.toString());
    assertThat(browser.visible(By.id("changeTable")).getText())
        .contains(approved.departureDate().toString(), "日本 Japan");
    browser.waitUntilTextContains(By.id("changeReason"), "外方会谈推迟三天");
    ((JavascriptExecutor) browser.driver())
        .executeScript("document.getElementById('change').scrollIntoView()");
    browser.screenshot("review-trip-change-what-changes");
    assertThat(browser.pageWidth()).as("the change review on a phone").isLessThanOrEqualTo(390);
    browser.click(By.id("decisionApprove"));
    browser.screenshotOfThePage("review-trip-change-phone");
    browser.click(By.cssSelector("button[ng-click='complete()']"));
    waitFor(() -> driver.isWaitingAt(trip, TripProcess.REVIEW_TRIP_CHANGE) ? null : trip);
    driver.runAsynchronousSteps(trip);
    browser.desktopSized();

    assertThat(runtimeService.getVariable(trip.getId(), TripVariables.DEPARTURE_DATE))
        .isEqualTo(departure.toString());
    assertThat(
            jdbc.queryForObject(
                "SELECT MAX(revision) FROM approval_document WHERE process_instance_id = ?",
                Integer.class,
                trip.getId()))
        .isEqualTo(2);
    browser.forgetEverything("http://localhost:" + port);
    browser.open(audit("/trips/"));
    browser.waitForUrlStartingWith(audit("/trips/login.html?next="));
    logInOnTheAuditorsPage("zhang.wei", "Trip-Demo-2026");
    By row = By.cssSelector("tr[data-trip='" + trip.getId() + "']");
    browser.waitUntilTextContains(
        row,
        departure.getYear()
            + "年"
            + departure.getMonthValue()
            + "月"
            + departure.getDayOfMonth()
            + "日");
    browser.screenshotOfThePage("my-trips-after-change");

    // the auditors read the change in the trip's record: who asked, why, who approved, the revision
    browser.forgetEverything("http://localhost:" + port);
    String record = "/audit/trip.html?id=" + trip.getId();
    browser.open(audit(record));
    browser.waitForUrlStartingWith(audit("/audit/login.html?next="));
    logInOnTheAuditorsPage("zhao.lei", "Trip-Demo-2026");
    browser.waitForUrl(audit(record));
    browser.waitUntilTextContains(By.tagName("body"), "变更生效 Change approved");
    assertThat(browser.visible(By.tagName("body")).getText())
        .contains("外方会谈推迟三天", "第2版 revision 2", "审核变更申请");
    browser.screenshotOfThePage("audit-trip-after-change");
  }

  @Test
  void myTripsFitAPhoneAndShowNoOneElsesTrips() throws Exception {
    ProcessInstance mine = driver.submit(aTrip().build());
    ProcessInstance theirs = driver.submitAs("sun.li", aTrip().build(), null);
    browser.phoneSized();
    browser.open(audit("/trips/"));
    browser.waitForUrlStartingWith(audit("/trips/login.html?next="));
    logInOnTheAuditorsPage("zhang.wei", "Trip-Demo-2026");
    browser.waitForUrl(audit("/trips/"));
    browser.visible(By.cssSelector("tr[data-trip='" + mine.getId() + "']"));
    assertThat(
            browser.driver().findElements(By.cssSelector("tr[data-trip='" + theirs.getId() + "']")))
        .isEmpty();
    browser.click(By.cssSelector("button.withdraw[data-trip='" + mine.getId() + "']"));
    browser.visible(By.id("reason-" + mine.getId()));
    assertThat(browser.pageWidth()).as("My trips on a phone").isLessThanOrEqualTo(390);
    browser.screenshotOfThePage("my-trips-phone");
    browser.desktopSized();
  }

  @Test
  void applicantFilesTheReportAndTheForeignAffairsOfficeAcceptsIt() throws Exception {
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.approveAndTravel(trip);
    logIn("zhang.wei");

    openTask(driver.openTask(trip, TripProcess.FILE_TRIP_REPORT));
    browser.visible(By.id("approvalNumber"));
    browser.setValue("actualDepartureDate", request.departureDate().toString());
    browser.setValue("actualReturnDate", request.returnDate().plusDays(1).toString());
    // the approved countries to start with; another one picked by its Chinese name, then removed
    browser.waitUntilTextContains(By.id("actualCountryList"), "日本 Japan");
    browser.type("actualCountries", "韩国");
    browser.click(By.cssSelector("#actualCountries ~ ul a.country-option[data-code='KR']"));
    browser.waitUntilTextContains(By.id("actualCountryList"), "韩国 South Korea");
    browser.click(By.cssSelector(".remove-country[data-code='KR']"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !browser.visible(By.id("actualCountryList")).getText().contains("韩国"));
    for (int task = 0; task < request.tasks().size(); task++) {
      browser.type("result-" + task, "已完成 done " + task);
    }
    browser.type("spending", "28500");
    browser.setValue("passportReturnedOn", request.returnDate().plusDays(3).toString());
    browser.screenshot("report-form-filled");
    browser.click(By.cssSelector("button[ng-click='complete()']"));
    Task verify =
        waitFor(
            () ->
                taskService
                    .createTaskQuery()
                    .processInstanceId(trip.getId())
                    .taskDefinitionKey(TripProcess.VERIFY_TRIP_REPORT)
                    .singleResult());

    browser.driver().manage().deleteAllCookies();
    logIn("wang.fang");
    openTask(verify);
    browser.click(By.cssSelector("[ng-click='claim()']"));
    browser.waitUntilTextContains(By.id("deviations"), request.returnDate().plusDays(1).toString());
    browser.waitUntilTextContains(
        By.id("reportFindings"), "Came back on " + request.returnDate().plusDays(1));
    browser.click(By.id("decisionAccept"));
    browser.screenshot("verify-form-filled");
    browser.click(By.cssSelector("button[ng-click='complete()']"));
    waitFor(() -> driver.isWaitingAt(trip, TripProcess.POST_TRIP_DISCLOSURE_ENDED) ? trip : null);
    assertThat(runtimeService.getVariable(trip.getId(), "report").toString())
        .contains("\"actualCountries\":[\"JP\"]", "已完成 done 1");
  }

  @Test
  void auditorFindsATripAndSeesItsTrailAndItsPathOnTheDiagram() throws Exception {
    String hostile = "<img src=x onerror=alert(1)>王五";
    ProcessInstance trip =
        driver.submit(
            aTrip()
                .members(
                    List.of(
                        new TripRequest.Member("张伟", "副处长", TripRequest.Rank.division),
                        new TripRequest.Member(hostile, "翻译", TripRequest.Rank.staff)))
                .build());
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED);

    logInToCockpit("zhao.lei");
    // Cockpit lists the running trip by its business key, the request number
    String number = trip.getBusinessKey();
    browser.open(
        "http://localhost:"
            + port
            + "/camunda/app/cockpit/default/#/process-definition/"
            + trip.getProcessDefinitionId()
            + "/runtime");
    browser.waitUntilTextContains(By.tagName("body"), number);

    browser.open("http://localhost:" + port + "/audit/");
    browser.type("requestNumber", number);
    browser.click(By.id("searchButton"));
    browser.waitUntilTextContains(By.id("total"), "共 1 条");
    assertThat(browser.visible(By.id("results")).getText()).contains(number);
    browser.click(By.cssSelector("a.trip-link[data-trip='" + trip.getId() + "']"));

    browser.waitUntilTextContains(By.id("timeline"), "提交出访申请 Submitted the trip request");
    browser.visible(By.cssSelector("#diagram[data-ready='true']"));
    browser.screenshot("audit-trip");
    // words and names, not ids or raw JSON; bookkeeping and the raw record only when asked for
    String timeline = browser.visible(By.id("timeline")).getText();
    assertThat(timeline)
        .contains("张伟 (applicant) · 申请人 Applicant", "李娜 (unit head) · 单位负责人 Unit head")
        .doesNotContain("{\"", "zhang.wei");
    assertThat(browser.visible(By.id("decisions")).getText())
        .contains("外办 Foreign affairs office", "同意 Approve", "王芳 (foreign affairs)");
    assertThat(browser.visible(By.id("request")).getText())
        .contains(hostile, "处级 Division level", "日本 Japan");
    assertThat(browser.driver().findElements(By.cssSelector("#request img"))).isEmpty();
    assertThat(browser.visible(By.id("revisions")).getText()).contains("第1版 Version 1");
    ((JavascriptExecutor) browser.driver())
        .executeScript("document.getElementById('timeline').scrollIntoView()");
    browser.screenshot("audit-trip-timeline");
    WebElement bookkeeping =
        browser.driver().findElement(By.cssSelector("#timeline li.bookkeeping"));
    assertThat(bookkeeping.isDisplayed()).isFalse();
    browser.click(By.id("everyRow"));
    assertThat(bookkeeping.isDisplayed()).isTrue();
    bookkeeping.findElement(By.cssSelector("button.raw")).click();
    // the stored rows are read when the first is asked for
    browser.waitUntilTextContains(By.cssSelector("#timeline li.bookkeeping pre"), "\"hash\"");
    // a phone: the trip page fits 390 pixels without scrolling sideways
    browser.driver().manage().window().setSize(new Dimension(390, 844));
    assertThat(
            (Long)
                ((JavascriptExecutor) browser.driver())
                    .executeScript("return document.documentElement.scrollWidth"))
        .isLessThanOrEqualTo(390L);
    browser.screenshot("audit-trip-phone");
    browser.driver().manage().window().setSize(new Dimension(1400, 1000));

    assertThat(
            browser
                .driver()
                .findElements(
                    By.cssSelector(".djs-element.visited[data-element-id='checkTripRules']")))
        .hasSize(1);
    assertThat(
            browser
                .driver()
                .findElements(
                    By.cssSelector(".djs-element.visited[data-element-id='issueApprovalNumber']")))
        .hasSize(1);
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector(".djs-element.visited[data-element-id='tripClosed']")))
        .isEmpty();
    assertThat(browser.visible(By.id("summary")).getText())
        .contains("外办〔", "省商务厅 Department of Commerce", "申请编号 Request number", number);
    assertThat(browser.driver().findElements(By.cssSelector("#summary img"))).isEmpty();

    // the working paper: the record, the chain's verification and every row with its hash
    browser.click(By.id("paperLink"));
    browser.visible(By.cssSelector("body[data-ready='true']"));
    assertThat(browser.visible(By.id("chainResult")).getText()).startsWith("完整");
    List<WebElement> hashes = browser.driver().findElements(By.cssSelector("#trailRows .hash"));
    assertThat(hashes).hasSameSizeAs(trail.forTrip(trip.getId()));
    assertThat(hashes).allSatisfy(hash -> assertThat(hash.getText()).matches("[0-9a-f]{64}"));
    browser.screenshot("audit-paper");

    // the statistics of the year the trip departs, whichever year today is
    String departureYear =
        String.valueOf(
            LocalDate.parse(
                    (String) runtimeService.getVariable(trip.getId(), TripVariables.DEPARTURE_DATE))
                .getYear());
    browser.open("http://localhost:" + port + "/audit/");
    browser.visible(By.cssSelector("#year[data-ready='true']"));
    assertThat(new Select(browser.visible(By.id("year"))).getOptions())
        .extracting(WebElement::getText)
        .contains(departureYear);
    new Select(browser.visible(By.id("year"))).selectByValue(departureYear);
    browser.click(By.id("statisticsButton"));
    browser.waitUntilTextContains(By.id("statisticsTable"), "省商务厅 Department of Commerce");
    browser.screenshot("audit-search");
  }

  @Test
  void theAuditPagesTellOthersTheyAreForAuditorsOnly() throws Exception {
    logIn("zhang.wei");
    browser.open("http://localhost:" + port + "/audit/");
    browser.waitUntilTextContains(By.id("login"), "Only auditors");
    assertThat(browser.driver().findElements(By.cssSelector("a.trip-link"))).isEmpty();

    // the same browser, logged in to Tasklist (its session has its CSRF token already), logs in
    // again as an auditor from the page
    browser.click(By.id("loginLink"));
    logInOnTheAuditorsPage("zhao.lei", "Trip-Demo-2026");
    browser.waitForUrl(audit("/audit/"));
    browser.visible(By.cssSelector("#year[data-ready='true']"));
    assertThat(browser.driver().findElement(By.id("login")).isDisplayed()).isFalse();
  }

  @Test
  void aVisitorWhoIsNotLoggedInIsSentToTheLoginAndBackToTheTripAsked() throws Exception {
    ProcessInstance trip = driver.submit(aTrip().build());
    String asked = "/audit/trip.html?id=" + trip.getId();
    browser.open(audit(asked));
    browser.waitForUrlStartingWith(audit("/audit/login.html?next="));
    browser.visible(By.id("username"));
    browser.screenshot("login-desktop");

    logInOnTheAuditorsPage("zhao.lei", "not-The-Password-1");
    browser.waitUntilTextContains(By.id("loginError"), "用户名或密码不正确");
    browser.waitUntilTextContains(By.id("loginError"), "Wrong user name or password");
    browser.screenshot("login-wrong-password");
    assertThat(browser.driver().getCurrentUrl()).startsWith(audit("/audit/login.html?next="));
    // the engine refuses every login of the user for 3 s after a wrong password: the page waits
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.visible(By.id("loginButton")).isEnabled());

    logInOnTheAuditorsPage("zhao.lei", "Trip-Demo-2026");
    browser.waitForUrl(audit(asked));
    browser.waitUntilTextContains(By.tagName("body"), "王小明");
    assertThat(
            ((JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/audit/trips/' + arguments[0]).then(r => done(r.status));",
                    trip.getId()))
        .as("the session the page logged in is an auditor's")
        .isEqualTo(200L);
  }

  @Test
  void theOfficeIsToldInTasklistOfAWorkingDayCalendarThatIsNotLoaded() throws Exception {
    // this year's calendar is always needed: set aside as if its notice had never been loaded
    int year = LocalDate.now(clock).getYear();
    List<Map<String, Object>> days =
        jdbc.queryForList(
            "SELECT calendar_day, kind, name FROM work_calendar_day WHERE calendar_day BETWEEN ? AND ?",
            LocalDate.of(year, 1, 1),
            LocalDate.of(year, 12, 31));
    jdbc.update(
        "DELETE FROM work_calendar_day WHERE calendar_day BETWEEN ? AND ?",
        LocalDate.of(year, 1, 1),
        LocalDate.of(year, 12, 31));
    try {
      logIn("wang.fang");
      browser.waitUntilTextContains(By.id("calendarNotice"), year + "年");
      assertThat(browser.visible(By.id("calendarNotice")).getText())
          .contains(year + "年", "工作日历未载入", "Working-day calendar of", "not loaded");
      browser.screenshot("tasklist-calendar-notice");

      browser.driver().manage().deleteAllCookies();
      logIn("zhang.wei");
      browser.visible(By.id("myTripsLink"));
      assertThat(browser.driver().findElement(By.id("calendarNotice")).isDisplayed())
          .as("an applicant has nothing to do about it")
          .isFalse();
    } finally {
      for (Map<String, Object> day : days) {
        jdbc.update(
            "INSERT INTO work_calendar_day (calendar_day, kind, name) VALUES (?, ?, ?)",
            day.get("calendar_day"),
            day.get("kind"),
            day.get("name"));
      }
    }
  }

  @Test
  void theTripPageReadsTheSameInABrowserSetToEnglish() throws Exception {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.review(trip, "sendBack", "请补充会见单位 name the counterpart");
    try (Browser english = Browser.start("en-US")) {
      english.open(audit("/audit/trip.html?id=" + trip.getId()));
      english.waitForUrlStartingWith(audit("/audit/login.html?next="));
      english.type("username", "zhao.lei");
      english.type("password", "Trip-Demo-2026");
      english.click(By.id("loginButton"));
      english.waitUntilTextContains(By.id("timeline"), "Submitted the trip request");
      assertThat(((JavascriptExecutor) english.driver()).executeScript("return navigator.language"))
          .isEqualTo("en-US");
      assertThat(english.visible(By.id("timeline")).getText())
          .contains("李娜 (unit head) · 单位负责人 Unit head", "Reason: 请补充会见单位 name the counterpart")
          .doesNotContain("{\"", "li.na");
      english.screenshot("audit-trip-en-US");
    }
  }

  @Test
  void theLoginGoesBackOnlyToTheAuditorsOwnPages() throws Exception {
    for (String elsewhere :
        List.of(
            "https://evil.example/audit/",
            "//evil.example/audit/",
            "/\\evil.example/audit/",
            "/audit/../camunda/app/admin/default/",
            "javascript:alert(document.domain)")) {
      browser.open(
          audit("/audit/login.html?next=" + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8)));
      logInOnTheAuditorsPage("zhao.lei", "Trip-Demo-2026");
      browser.waitForUrl(audit("/audit/"));
    }
  }

  @Test
  void theSearchAndTheLoginFitAPhoneAndTheStatisticsOpenOnTheLatestYearWithTrips()
      throws Exception {
    // later than every other trip here, whichever day today is: the latest year with trips
    ProcessInstance trip =
        driver.submit(aTrip().departingOn(LocalDate.now().plusYears(1).plusDays(60)).build());
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, TripProcess.PRE_TRIP_DISCLOSURE_ENDED);
    String latestYear =
        String.valueOf(
            LocalDate.parse(
                    (String) runtimeService.getVariable(trip.getId(), TripVariables.DEPARTURE_DATE))
                .getYear());

    browser.phoneSized();
    browser.open(audit("/audit/"));
    browser.waitForUrlStartingWith(audit("/audit/login.html?next="));
    browser.visible(By.id("username"));
    assertThat(browser.pageWidth()).as("the login's width on a phone").isLessThanOrEqualTo(390);
    browser.screenshotOfThePage("login-phone");

    logInOnTheAuditorsPage("zhao.lei", "Trip-Demo-2026");
    browser.waitForUrl(audit("/audit/"));
    browser.visible(By.cssSelector("a.trip-link[data-trip='" + trip.getId() + "']"));
    browser.visible(By.cssSelector("#year[data-ready='true']"));
    assertThat(new Select(browser.visible(By.id("year"))).getFirstSelectedOption().getText())
        .isEqualTo(latestYear);
    // the one trip of that year got its number: the median is taken over it
    browser.waitUntilTextContains(By.id("statisticsTable"), "(1)");
    assertThat(browser.pageWidth()).as("the search's width on a phone").isLessThanOrEqualTo(390);
    browser.screenshotOfThePage("login-search-phone");

    browser.desktopSized();
    browser.screenshotOfThePage("login-search-desktop");
  }

  /** Fills in the auditors' login page, which is open, and sends it. */
  private void logInOnTheAuditorsPage(String user, String password) {
    browser.type("username", user);
    browser.type("password", password);
    browser.click(By.id("loginButton"));
  }

  private String audit(String path) {
    return "http://localhost:" + port + path;
  }

  private void logInToCockpit(String user) {
    browser.open("http://localhost:" + port + "/camunda/app/cockpit/default/");
    browser.visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
    browser.visible(By.cssSelector("input[ng-model='password']")).sendKeys("Trip-Demo-2026");
    browser.click(By.cssSelector("button[type='submit']"));
    browser.waitUntilGone(By.cssSelector("input[ng-model='password']"));
  }

  /** The trip that the form just submitted started, once it is there. */
  private ProcessInstance tripStartedSince(Set<String> earlier) {
    return waitFor(
        () ->
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(TripProcess.KEY)
                .list()
                .stream()
                .filter(p -> !earlier.contains(p.getId()))
                .findFirst()
                .orElse(null));
  }

  private Set<String> runningTripIds() {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(TripProcess.KEY)
        .list()
        .stream()
        .map(ProcessInstance::getId)
        .collect(Collectors.toSet());
  }

  private void openTask(Task task) {
    browser.open(tasklist() + "#/?task=" + task.getId());
  }

  private void fillStartForm() throws Exception {
    fillStartForm(LocalDate.now().plusDays(40));
  }

  private void fillStartForm(LocalDate departure) throws Exception {
    browser.setValue("departureDate", departure.toString());
    browser.setValue("returnDate", departure.plusDays(2).toString());
    browser.type("purpose", PURPOSE);
    browser.type("task-0", "商谈合作备忘录条款");
    browser.type("planReference", "2027-商务-03");
    browser.type("member-search-0", "SW0107");
    browser.click(By.cssSelector(".person-results .person-choice"));
    browser.waitUntilTextContains(By.id("member-picked-0"), "张伟");
    browser.click(By.id("generateDays"));
    for (int day = 0; day < 3; day++) {
      browser.type("day-country-" + day, "JP");
      browser.type("day-city-" + day, "Tokyo");
      browser.type("day-activity-" + day, "会谈 talks");
      browser.type("day-counterpart-" + day, "经济产业省 METI");
    }
    browser.type("invitationOrganisation", "日本经济产业省 METI");
    browser.type("invitationCountry", "JP");
    declare();
    browser.type("budget-item-0", "住宿费 lodging");
    browser.type("budget-amount-0", "12000");
    browser.type("budget-source-0", "部门预算 unit budget");
    attachInvitation();
  }

  /** The applicant's declaration: no intermediary, not paid by a company or overseas Chinese. */
  private void declare() {
    browser.click(By.id("declareNoIntermediary"));
    browser.click(By.id("declareNotPaidByCompany"));
  }

  private void attachInvitation() throws Exception {
    Path letter = Files.createTempFile("invitation", ".pdf");
    Files.write(letter, pdfBytes());
    browser
        .driver()
        .findElement(By.id("invitationLetter"))
        .sendKeys(letter.toAbsolutePath().toString());
  }

  private void logIn(String user) {
    browser.open(tasklist());
    browser.visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
    browser.visible(By.cssSelector("input[ng-model='password']")).sendKeys("Trip-Demo-2026");
    browser.click(By.cssSelector("button[type='submit']"));
    browser.visible(By.cssSelector(".start-process-action a"));
  }

  private String tasklist() {
    return "http://localhost:" + port + "/camunda/app/tasklist/default/";
  }

  private static <T> T waitFor(Callable<T> lookup) {
    return await().atMost(Duration.ofSeconds(30)).until(lookup, Objects::nonNull);
  }
}
