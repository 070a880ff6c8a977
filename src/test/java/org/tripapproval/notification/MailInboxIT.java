package org.tripapproval.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.support.Browser;
import org.tripapproval.support.JarNode;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.TripDriver;

/**
 * /mail in a real browser set to zh-CN: the webapps' login first, then the user's own mail as HTML,
 * its links clickable; nobody reads anyone else's mail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM: close it before the next IT starts its own
class MailInboxIT {

  static final String REASON = "请补充会谈议题，并附邀请函译文";
  static Browser browser;

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired OutboxDelivery delivery;
  @Autowired GreenMail received;
  RestClient anonymous;
  TripDriver driver;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("trips.mail.embedded-server", () -> "true");
    // read more than once: one port each, chosen once
    int smtp = JarNode.freePort();
    int imap = JarNode.freePort();
    registry.add("spring.mail.port", () -> smtp);
    registry.add("trips.mail.imap-port", () -> imap);
  }

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
  void setUp() {
    browser.forgetEverything(site(""));
    anonymous = new RestClient(site(""), null);
    driver = new TripDriver(engine, mapper);
  }

  @AfterEach
  void keepTheLastPage() throws Exception {
    browser.screenshot("mail-last");
  }

  @Test
  void theApplicantLogsInAndReadsWhyTheRequestCameBackWithALinkThatOpens() throws Exception {
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.review(trip, "sendBack", REASON);
    delivered("zhang.wei@trips.example", trip.getBusinessKey());

    browser.open(site("/mail"));
    browser.waitForUrlStartingWith(site("/audit/login.html?next=%2Fmail"));
    browser.waitUntilTextContains(By.id("pageTitle"), "Official trips abroad · Mail");
    browser.type("username", "zhang.wei");
    browser.type("password", RestClient.PASSWORD);
    browser.click(By.id("loginButton"));
    browser.waitForUrl(site("/mail"));

    WebElement newest = browser.visible(By.cssSelector("details.mail[open]"));
    assertThat(newest.findElement(By.cssSelector("summary .subject")).getText())
        .startsWith(trip.getBusinessKey() + " · ")
        .matches(".* — (待办：修改出国申请 / To do: Revise trip request|申请被退回 / Request sent back)");
    assertThat(browser.driver().findElements(By.cssSelector("details.mail summary .subject")))
        .extracting(WebElement::getText)
        .allMatch(subject -> subject.contains(trip.getBusinessKey()))
        .noneMatch(subject -> subject.contains("Review trip request"));
    browser.screenshotOfThePage("mail-inbox-desktop");

    browser.driver().switchTo().frame(newest.findElement(By.tagName("iframe")));
    browser.waitUntilTextContains(By.tagName("blockquote"), REASON);
    assertThat(browser.visible(By.cssSelector("p[lang='zh-CN']")).getText()).isEqualTo("张伟，您好：");
    assertThat(browser.driver().findElement(By.tagName("body")).getText())
        .contains("李娜（单位负责人）给出的理由：", "The reason given by 李娜 (Unit head):")
        .doesNotContain("li.na", "unitHead");
    WebElement link = browser.visible(By.cssSelector("p[lang='zh-CN'] a"));
    assertThat(link.getText()).isEqualTo("在任务列表中打开");
    assertThat(link.getAttribute("target")).isEqualTo("_blank");
    Set<String> before = browser.driver().getWindowHandles();
    String inbox = browser.driver().getWindowHandle();
    link.click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> browser.driver().getWindowHandles().size() > before.size());
    String opened =
        browser.driver().getWindowHandles().stream()
            .filter(handle -> !before.contains(handle))
            .findFirst()
            .orElseThrow();
    browser.driver().switchTo().window(opened);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> browser.driver().getCurrentUrl().contains("/camunda/app/tasklist/default/"));
    browser.driver().close();
    browser.driver().switchTo().window(inbox);

    browser.phoneSized();
    browser.open(site("/mail"));
    browser.visible(By.cssSelector("details.mail[open] iframe"));
    assertThat(browser.pageWidth()).as("the inbox on a phone").isLessThanOrEqualTo(390);
    browser.screenshotOfThePage("mail-inbox-phone");
    browser.desktopSized();
  }

  @Test
  void nobodyReadsAnotherPersonsMailAndScriptsAreNotSentToALoginPage() throws Exception {
    ProcessInstance trip = driver.submit(aTrip().build());
    delivered("li.na@trips.example", trip.getBusinessKey());
    int unitHeads = numberOfAMailTo("li.na@trips.example", trip.getBusinessKey());

    HttpResponse<String> own = anonymous.as("li.na").get("/mail/" + unitHeads);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains(trip.getBusinessKey(), "lang=\"zh-CN\"");
    assertThat(own.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("sandbox allow-popups allow-popups-to-escape-sandbox;")
        .contains("default-src 'none'", "frame-ancestors 'self'")
        .doesNotContain("script-src");
    assertThat(anonymous.as("li.na").get("/mail").body()).contains("/mail/" + unitHeads);

    for (String other : List.of("zhang.wei", "wang.fang", "zhao.lei", "admin")) {
      HttpResponse<String> refused = anonymous.as(other).get("/mail/" + unitHeads);
      assertThat(refused.statusCode()).as(other).isEqualTo(404);
      assertThat(refused.body()).as(other).contains("没有这封邮件").doesNotContain(trip.getBusinessKey());
      assertThat(anonymous.as(other).get("/mail").body())
          .as(other + "'s list")
          .doesNotContain("/mail/" + unitHeads + "\"");
    }
    assertThat(anonymous.as("li.na").get("/mail/99999").statusCode()).isEqualTo(404);
    assertThat(anonymous.get("/mail/" + unitHeads).statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/mail").statusCode())
        .as("a script: 401, no login page")
        .isEqualTo(401);
    HttpResponse<String> page =
        anonymous.send(anonymous.request("/mail").header("Accept", "text/html,*/*;q=0.8"));
    assertThat(page.statusCode()).as("a browser: to the login").isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow())
        .endsWith("/audit/login.html?next=%2Fmail");
    assertThat(anonymous.as("li.na").post("/mail", "{}").statusCode()).isEqualTo(403);
  }

  /** Delivers the outbox until the address has a mail about the trip. */
  private void delivered(String address, String trip) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              delivery.deliverDue();
              try {
                numberOfAMailTo(address, trip);
                return true;
              } catch (AssertionError none) {
                return false;
              }
            });
  }

  /** Where the first mail to the address about the trip is among all received. */
  private int numberOfAMailTo(String address, String trip) throws MessagingException {
    MimeMessage[] all = received.getReceivedMessages();
    for (int i = 0; i < all.length; i++) {
      if (all[i].getSubject().contains(trip)
          && Arrays.stream(all[i].getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
        return i;
      }
    }
    throw new AssertionError("no mail to " + address);
  }

  private String site(String path) {
    return "http://localhost:" + port + path;
  }
}
