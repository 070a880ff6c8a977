package org.tripapproval.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tripapproval.support.TripRequestBuilder.aTrip;
import static org.tripapproval.support.WebappLocales.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.Browser;
import org.tripapproval.support.TripDriver;
import org.tripapproval.support.WebappLocales;
import org.tripapproval.trip.TripProcess;

/**
 * Tasklist, Cockpit and Admin still work for each role behind the edge, in a real browser: nothing
 * they call is refused (no access.refused entry for the user), and Cockpit's process-definition
 * page loads without the 400 "An unbound number of results is forbidden". The browser asks for
 * zh-CN, so the webapps speak the project's Chinese (locales/zh.json), show no end-of-life banner,
 * and Admin's dashboard says which engine runs and its support status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class WebappsAfterLockdownIT {

  private static final String UNBOUND = "unbound number of results";
  private static final JsonNode TASKLIST_ZH = WebappLocales.chinese("tasklist");
  private static final JsonNode TASKLIST_EN = WebappLocales.english("tasklist");
  private static final String ENGINE_VERSION = ProductPropertiesUtil.getProductVersion();
  private static final JsonNode COCKPIT_ZH = WebappLocales.chinese("cockpit");

  /** Labels of Tasklist's start dialog and task list, by their keys in 7.24's en.json. */
  private static final List<String> TASKLIST_LABELS =
      List.of(
          "START_PROCESS",
          "CLICK_PROCESS_TO_START",
          "SEARCH_PLACEHOLDER",
          "CLAIM_TASK",
          "COMPLETE",
          "COMMENT_CREATE",
          "SET_FOLLOW_UP_DATE",
          "SET_DUE_DATE");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired JdbcTemplate jdbc;
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
    browser.screenshot("webapps-last");
  }

  @Test
  void theApplicantOpensTheStartFormInTasklist() throws Exception {
    logIn("tasklist", "zhang.wei");
    assertThat(
            ((JavascriptExecutor) browser.driver()).executeScript("return navigator.languages[0]"))
        .isEqualTo("zh-CN");
    browser.waitUntilTextContains(
        By.cssSelector(".start-process-action a"), label(TASKLIST_ZH, "START_PROCESS"));
    browser.click(By.cssSelector(".start-process-action a"));
    browser.waitUntilTextContains(
        By.cssSelector(".modal-content"), label(TASKLIST_ZH, "CLICK_PROCESS_TO_START"));
    assertSpeaksChineseWithoutBanner();
    browser.click(By.partialLinkText("Official trip abroad"));
    browser.visible(By.id("purpose"));
    browser.screenshot("lockdown-tasklist-start-form");
    assertNothingRefused("zhang.wei");
  }

  @Test
  void aReviewerSeesTheTaskListAndOpensTheReviewForm() throws Exception {
    ProcessInstance trip = driver.submit(aTrip().build());
    Task review =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(trip.getId())
            .taskDefinitionKey(TripProcess.REVIEW_TRIP_REQUEST)
            .singleResult();
    logIn("tasklist", "li.na");
    browser.waitForPageText("我的组任务 My groups' tasks");
    browser.click(By.partialLinkText("我的组任务"));
    browser.waitForPageText("Review trip request");
    browser.screenshot("lockdown-tasklist-group-tasks");
    browser.open(app("tasklist") + "#/?task=" + review.getId());
    browser.visible(By.id("decisionReject"));
    browser.waitUntilTextContains(
        By.cssSelector("[ng-click='claim()']"), label(TASKLIST_ZH, "CLAIM_TASK"));
    assertThat(browser.visible(By.cssSelector("input.main-field")).getDomAttribute("placeholder"))
        .isEqualTo(label(TASKLIST_ZH, "SEARCH_PLACEHOLDER"));
    assertSpeaksChineseWithoutBanner();
    browser.screenshot("lockdown-tasklist-review-form");
    browser.click(By.cssSelector("[ng-click='claim()']"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "li.na"
                    .equals(
                        engine
                            .getTaskService()
                            .createTaskQuery()
                            .taskId(review.getId())
                            .singleResult()
                            .getAssignee()));
    assertNothingRefused("li.na");
  }

  @Test
  void theForeignAffairsOfficeReadsTheProcessDefinitionInCockpit() throws Exception {
    readProcessDefinitionInCockpit("wang.fang", driver.submit(aTrip().build()));
  }

  @Test
  void theAuditorReadsTheProcessDefinitionInCockpit() throws Exception {
    readProcessDefinitionInCockpit("zhao.lei", driver.submit(aTrip().build()));
  }

  @Test
  void theAdministratorListsTheUsersInAdmin() throws Exception {
    logIn("admin", "admin");
    // the dashboard's section on the engine, its version as the engine reports it
    browser.waitUntilTextContains(
        By.id("engine-version"), "Camunda 7 社区版 Community Edition " + ENGINE_VERSION);
    assertThat(browser.driver().findElement(By.tagName("body")).getText())
        .contains("最后一个版本", "last community release", "Operaton");
    browser.screenshot("lockdown-admin-dashboard");
    browser.open(app("admin") + "#/users");
    browser.waitForPageText("zhang.wei");
    browser.screenshot("lockdown-admin-users");
    assertNothingRefused("admin");
  }

  private void readProcessDefinitionInCockpit(String user, ProcessInstance trip) throws Exception {
    String definition =
        engine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey(TripProcess.KEY)
            .latestVersion()
            .singleResult()
            .getId();
    logIn("cockpit", user);
    browser.waitForPageText(label(COCKPIT_ZH, "DASHBOARD_PROCESS_DEFINITIONS"));
    browser.open(app("cockpit") + "#/process-definition/" + definition + "/runtime");
    browser.visible(By.cssSelector(".djs-container")); // the diagram
    browser.waitForPageText(trip.getId()); // the running trip in the instance list
    awaitQuietHttp();
    browser.screenshot("lockdown-cockpit-" + user);
    for (String tab :
        List.of(
            "PLUGIN_INCIDENTS_LABEL",
            "PLUGIN_CALLED_PROCESS_DEFINITIONS_LABEL",
            "PLUGIN_JOB_DEFINITION_LABEL")) {
      browser.click(By.linkText(label(COCKPIT_ZH, tab)));
      awaitQuietHttp();
    }
    browser.screenshot("lockdown-cockpit-" + user + "-job-definitions");
    assertThat(browser.driver().getPageSource()).doesNotContain(UNBOUND);
    assertNothingRefused(user);
  }

  /**
   * The page shows none of Tasklist's English labels above (its text, and the placeholders of its
   * fields), and no end-of-life banner in either language.
   */
  private void assertSpeaksChineseWithoutBanner() {
    String text =
        browser.driver().findElement(By.tagName("body")).getText()
            + "\n"
            + ((JavascriptExecutor) browser.driver())
                .executeScript(
                    "return Array.from(document.querySelectorAll('[placeholder]'))"
                        + ".map(e => e.getAttribute('placeholder')).join('\\n')");
    for (String key : TASKLIST_LABELS) {
      String english = label(TASKLIST_EN, key);
      assertThat(Pattern.compile("\\b" + Pattern.quote(english) + "\\b").matcher(text).find())
          .as("the English label %s \"%s\" on the page", key, english)
          .isFalse();
    }
    assertThat(browser.driver().findElements(By.cssSelector(".ce-eol-banner")))
        .noneMatch(WebElement::isDisplayed);
    assertThat(text).doesNotContain("Camunda 8");
  }

  /**
   * Until AngularJS (the webapps) has no request in flight: the tab's queries have been answered.
   */
  private void awaitQuietHttp() {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
        .until(
            d ->
                (Boolean)
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "var injector = angular.element(document.body).injector();"
                                + " return !!injector && injector.get('$http').pendingRequests.length === 0;"));
  }

  private void assertNothingRefused(String user) {
    List<String> refused =
        jdbc.queryForList(
            "SELECT details FROM audit_trail WHERE event = 'access.refused' AND actor = ? ORDER BY id",
            String.class,
            user);
    assertThat(refused).as("calls of the webapps that the edge or the engine refused").isEmpty();
  }

  private void logIn(String app, String user) {
    browser.open(app(app));
    browser.visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
    browser.visible(By.cssSelector("input[ng-model='password']")).sendKeys("Trip-Demo-2026");
    browser.click(By.cssSelector("button[type='submit']"));
    browser.waitUntilGone(By.cssSelector("input[ng-model='password']"));
  }

  private String app(String app) {
    return "http://localhost:" + port + "/camunda/app/" + app + "/default/";
  }
}
