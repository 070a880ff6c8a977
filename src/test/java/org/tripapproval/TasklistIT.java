package org.tripapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.Browser;
import org.tripapproval.trip.TripProcess;

/**
 * The forms render and submit in Camunda Tasklist, in a real browser: the demo applicant submits
 * the start form, the demo unit head claims the review and approves it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TasklistIT {

  private static final String PURPOSE = "与日本经济产业省商谈2027年度双边贸易投资合作备忘录的具体条款";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  Browser browser;

  @BeforeEach
  void startBrowser() throws Exception {
    browser = Browser.start();
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (browser != null) {
      browser.screenshot("tasklist-last");
      browser.close();
    }
  }

  @Test
  void applicantSubmitsTheStartFormAndTheUnitHeadApprovesInTasklist() throws Exception {
    logIn("zhang.wei");
    browser.click(By.cssSelector(".start-process-action a"));
    browser.click(By.partialLinkText("Official trip abroad"));
    fillStartForm();
    browser.screenshot("start-form-filled");
    browser.click(By.cssSelector(".modal-footer button.btn-primary[type='submit']"));

    ProcessInstance trip = waitFor(() -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(TripProcess.KEY).variableValueEquals("applicant", "zhang.wei").singleResult());
    Task review = taskService.createTaskQuery().processInstanceId(trip.getId())
        .taskDefinitionKey(TripProcess.REVIEW_TRIP_REQUEST).singleResult();
    assertThat(review).as("the request passed the rule check and waits for the unit head").isNotNull();
    assertThat(runtimeService.getVariable(trip.getId(), "trip").toString()).contains(PURPOSE, "\"country\":\"JP\"");

    browser.driver().manage().deleteAllCookies();
    logIn("li.na");
    browser.open(tasklist() + "#/?task=" + review.getId());
    browser.click(By.cssSelector("[ng-click='claim()']"));
    browser.waitUntilTextContains(By.id("summary-purpose"), PURPOSE);
    browser.visible(By.cssSelector("a[cam-file-download='invitationLetter']"));
    browser.click(By.id("decisionApprove"));
    browser.type("decisionReason", "同意出访 agreed");
    browser.screenshot("review-form-filled");
    browser.click(By.cssSelector("button[ng-click='complete()']"));

    waitFor(() -> historyService.createHistoricTaskInstanceQuery().taskId(review.getId()).finished().singleResult());
    assertThat(runtimeService.getVariable(trip.getId(), "decisions").toString())
        .contains("\"decidedBy\":\"li.na\"", "\"decision\":\"approve\"");
  }

  private void fillStartForm() throws Exception {
    LocalDate departure = LocalDate.now().plusDays(40);
    browser.setValue("departureDate", departure.toString());
    browser.setValue("returnDate", departure.plusDays(2).toString());
    browser.type("purpose", PURPOSE);
    browser.type("task-0", "商谈合作备忘录条款");
    browser.type("planReference", "2027-商务-03");
    browser.type("member-name-0", "张伟");
    browser.type("member-post-0", "商务厅副处长");
    new Select(browser.visible(By.id("member-rank-0"))).selectByVisibleText("处级 Division");
    browser.click(By.id("generateDays"));
    for (int day = 0; day < 3; day++) {
      browser.type("day-country-" + day, "JP");
      browser.type("day-city-" + day, "Tokyo");
      browser.type("day-activity-" + day, "会谈 talks");
      browser.type("day-counterpart-" + day, "经济产业省 METI");
    }
    browser.type("invitationOrganisation", "日本经济产业省 METI");
    browser.type("invitationCountry", "JP");
    browser.type("budget-item-0", "住宿费 lodging");
    browser.type("budget-amount-0", "12000");
    browser.type("budget-source-0", "部门预算 unit budget");
    Path letter = Files.createTempFile("invitation", ".pdf");
    Files.write(letter, org.tripapproval.support.Files.pdfBytes());
    browser.driver().findElement(By.id("invitationLetter")).sendKeys(letter.toAbsolutePath().toString());
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

  private static <T> T waitFor(java.util.concurrent.Callable<T> lookup) {
    return await().atMost(Duration.ofSeconds(30)).until(lookup, java.util.Objects::nonNull);
  }
}
