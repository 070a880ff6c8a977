package org.tripapproval.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.Browser;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;

/**
 * Tasklist, Cockpit and Admin still work for each role behind the edge, in a real browser: nothing
 * they call is refused (no access.refused entry for the user), and Cockpit's process-definition
 * page loads without the 400 "An unbound number of results is forbidden".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM
class WebappsAfterLockdownIT {

  private static final String UNBOUND = "unbound number of results";

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
    browser.visible(By.cssSelector(".start-process-action a"));
    browser.click(By.cssSelector(".start-process-action a"));
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
    browser.waitForPageText("Process Definitions");
    browser.open(app("cockpit") + "#/process-definition/" + definition + "/runtime");
    browser.visible(By.cssSelector(".djs-container")); // the diagram
    browser.waitForPageText(trip.getId()); // the running trip in the instance list
    awaitQuietHttp();
    browser.screenshot("lockdown-cockpit-" + user);
    for (String tab : List.of("Incidents", "Called Process Definitions", "Job Definitions")) {
      browser.click(By.linkText(tab));
      awaitQuietHttp();
    }
    browser.screenshot("lockdown-cockpit-" + user + "-job-definitions");
    assertThat(browser.driver().getPageSource()).doesNotContain(UNBOUND);
    assertNothingRefused(user);
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
