package org.tripapproval.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tripapproval.support.TripRequestBuilder.aTrip;
import static org.tripapproval.trip.TripProcess.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripRequest;

/** Notifications over real SMTP (GreenMail) from a real PostgreSQL outbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM: close it before the next IT starts its own
class NotificationIT {

  static final String APPLICANT = "zhang.wei@trips.example";
  static final String UNIT_HEAD = "li.na@trips.example";
  static final String FOREIGN_AFFAIRS = "wang.fang@trips.example";
  static final String FINANCE = "liu.yang@trips.example";

  static int smtpPort;
  static GreenMail smtp;

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired OutboxDelivery delivery;
  @Autowired Outbox outbox;
  @Autowired AuditTrail trail;
  @LocalServerPort int port;
  TripDriver driver;

  @BeforeAll
  static void startSmtp() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      smtpPort = socket.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("notifications"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("spring.mail.port", () -> smtpPort);
    // longer than one pass over a trip's mail takes on a busy machine, so that a pass tries each
    // message once; short enough for the retries to come within deliverEverything()'s bound
    registry.add("trips.mail.retry-backoff", () -> "PT2S");
    registry.add("trips.mail.max-backoff", () -> "PT5S");
    registry.add("trips.mail.max-attempts", () -> "3");
  }

  @BeforeEach
  void setUp() throws Exception {
    driver = new TripDriver(engine, mapper);
    deliverEverything();
    smtp.purgeEmailFromAllMailboxes();
  }

  @Test
  void everyoneWithWorkOrNewsGetsTheRightMail() throws Exception {
    TripRequest request = aTrip().build();
    ProcessInstance trip = driver.submit(request);
    driver.review(trip, "sendBack", "请补充会谈议题 list the topics");
    driver.revise(trip, request);
    driver.approveAllLevels(trip);
    driver.fireTimer(trip, PRE_TRIP_DISCLOSURE_ENDED);
    driver.fireTimer(trip, DEPARTURE_DAY_REACHED);
    driver.fireTimer(trip, TRIP_RETURNED);
    driver.fireTimer(trip, REPORT_REMINDER_DUE);
    driver.fireTimer(trip, REPORT_DUE_TODAY);
    driver.fireTimer(trip, REPORT_OVERDUE);
    driver.fileReport(trip, TripDriver.reportFor(request));
    driver.decide(TripDriver.VERIFIER, trip, VERIFY_TRIP_REPORT, "accept", "");
    driver.fireTimer(trip, POST_TRIP_DISCLOSURE_ENDED);
    ProcessInstance slow = driver.submit(aTrip().build());
    driver.fireTimer(slow, REVIEW_OVERDUE);

    deliverEverything();

    assertThat(subjectsTo(UNIT_HEAD))
        .anyMatch(s -> s.contains("To do: Review trip request"))
        .anyMatch(s -> s.contains("Overdue report"))
        .anyMatch(s -> s.contains("Overdue review"));
    assertThat(subjectsTo(FOREIGN_AFFAIRS))
        .anyMatch(s -> s.contains("To do: Review trip request"))
        .anyMatch(s -> s.contains("To do: Verify trip report"))
        .anyMatch(s -> s.contains("Overdue report"))
        .anyMatch(s -> s.contains("Overdue review"));
    assertThat(subjectsTo(FINANCE)).anyMatch(s -> s.contains("To do: Review trip request"));
    assertThat(subjectsTo(APPLICANT))
        .anyMatch(s -> s.contains("Request sent back"))
        .anyMatch(s -> s.contains("To do: Revise trip request"))
        .anyMatch(s -> s.contains("Approved at one level"))
        .anyMatch(s -> s.contains("Pre-trip disclosure started"))
        .anyMatch(s -> s.contains("Pre-trip disclosure ended"))
        .anyMatch(s -> s.contains("Trip approved"))
        .anyMatch(s -> s.contains("To do: File trip report"))
        .anyMatch(s -> s.contains("Report due soon"))
        .anyMatch(s -> s.contains("Report due today"))
        .anyMatch(s -> s.contains("Report overdue"))
        .anyMatch(s -> s.contains("Report accepted"))
        .anyMatch(s -> s.contains("Post-trip disclosure started"))
        .anyMatch(s -> s.contains("Trip closed"));
    assertThat(subjectsTo("zhou.qiang@trips.example")).as("another unit's head").isEmpty();

    MimeMessage sentBack =
        messagesTo(APPLICANT).stream()
            .filter(m -> subject(m).contains("Request sent back"))
            .findFirst()
            .orElseThrow();
    assertThat(GreenMailUtil.getBody(sentBack)).contains("multipart/alternative");
    assertThat(bodyOf(sentBack, "text/plain"))
        .contains(
            "请补充会谈议题 list the topics",
            "李娜（单位负责人）给出的理由：",
            "The reason given by 李娜 (Unit head):",
            "申请编号 Request number: " + trip.getBusinessKey());
    // the task to revise says why the request came back: the reviewer, the reason
    MimeMessage revise =
        messagesTo(APPLICANT).stream()
            .filter(m -> subject(m).contains("To do: Revise trip request"))
            .findFirst()
            .orElseThrow();
    assertThat(subject(revise))
        .isEqualTo(
            trip.getBusinessKey()
                + " · "
                + request.departureDate()
                + " · 日本 — 待办：修改出国申请 / To do: Revise trip request");
    assertThat(bodyOf(revise, "text/plain"))
        .contains("李娜（单位负责人）给出的理由：", "    请补充会谈议题 list the topics");
    assertThat(bodyOf(revise, "text/html")).contains("<blockquote", "请补充会谈议题 list the topics");
    // a level's approval names the reviewer and the level in words, each sentence in one language
    MimeMessage approved =
        messagesTo(APPLICANT).stream()
            .filter(m -> subject(m).contains("Approved at one level"))
            .findFirst()
            .orElseThrow();
    assertThat(bodyOf(approved, "text/plain"))
        .contains("李娜（单位负责人）已审核同意您的出国申请", "李娜 (Unit head) approved your request")
        .doesNotContain("unitHead", "li.na");
    // each mail names its trip by the trip's request number, in the subject and the plain text
    assertThat(smtp.getReceivedMessages())
        .hasSizeGreaterThan(20)
        .allSatisfy(
            message -> {
              String number =
                  subject(message).contains(trip.getBusinessKey())
                      ? trip.getBusinessKey()
                      : slow.getBusinessKey();
              assertThat(subject(message)).startsWith(number + " · ");
              assertThat(bodyOf(message, "text/plain")).contains("Request number: " + number);
            });
    assertThat(bodyOf(sentBack, "text/html")).contains("请补充会谈议题 list the topics", "<html");
    MimeMessage toDo = messagesTo(UNIT_HEAD).get(0);
    String reviewTask =
        engine
            .getHistoryService()
            .createHistoricTaskInstanceQuery()
            .processInstanceId(trip.getId())
            .taskDefinitionKey(REVIEW_TRIP_REQUEST)
            .orderByHistoricActivityInstanceStartTime()
            .asc()
            .list()
            .get(0)
            .getId();
    assertThat(bodyOf(toDo, "text/plain"))
        .contains("http://localhost:8080/camunda/app/tasklist/default/#/?task=" + reviewTask);
  }

  @Test
  void aRequestTheRulesStopTellsTheApplicantWhatTheyFoundInWords() throws Exception {
    ProcessInstance trip = driver.submit(aTrip().members(7).countries("JP", "KR").build());

    deliverEverything();

    MimeMessage revise =
        messagesTo(APPLICANT).stream()
            .filter(m -> subject(m).contains(trip.getBusinessKey()))
            .filter(m -> subject(m).contains("To do: Revise trip request"))
            .findFirst()
            .orElseThrow();
    assertThat(subject(revise)).contains(" · 日本、韩国 — 待办：修改出国申请 / To do: Revise trip request");
    assertThat(bodyOf(revise, "text/plain"))
        .contains(
            "规则审查发现以下问题，请修改后重新提交：",
            "- 团组人数（须纠正）：团组7人",
            "- Delegation size (Blocking): The delegation has 7 members",
            "国家和地区 Countries: 日本 Japan、韩国 South Korea")
        .doesNotContain("给出的理由");
  }

  @Test
  void smtpDownForAWhileLosesNothingAndSendsNothingTwice() throws Exception {
    smtp.stop();
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.approveAllLevels(trip);
    delivery.deliverDue();
    List<OutboxMessage> waiting = outbox.forTrip(trip.getId());
    assertThat(waiting)
        .isNotEmpty()
        .allSatisfy(
            m -> {
              assertThat(m.status()).isEqualTo(Outbox.PENDING);
              assertThat(m.attempts()).isEqualTo(1);
              assertThat(m.lastError()).isNotBlank();
            });

    smtp.start();
    deliverEverything();

    List<String> delivered =
        Arrays.stream(smtp.getReceivedMessages()).map(NotificationIT::messageId).toList();
    assertThat(delivered)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            waiting.stream().map(OutboxMessage::messageId).toList());
    assertThat(outbox.forTrip(trip.getId()))
        .allSatisfy(m -> assertThat(m.status()).isEqualTo(Outbox.SENT));
  }

  @Test
  void aBadAddressDoesNotHoldBackTheOthersAndAnAdministratorSeesAndRetriesIt() throws Exception {
    User broken = engine.getIdentityService().newUser("broken.address");
    broken.setEmail("broken@@trips..example");
    broken.setPassword("Trip-Demo-2026");
    engine.getIdentityService().saveUser(broken);
    engine.getIdentityService().createMembership("broken.address", "foreign-affairs-office");
    try {
      ProcessInstance trip = driver.submit(aTrip().build());
      driver.review(trip, "approve", "");
      deliverEverything();

      assertThat(subjectsTo(FOREIGN_AFFAIRS))
          .anyMatch(s -> s.contains("To do: Review trip request"));
      OutboxMessage failed =
          outbox.forTrip(trip.getId()).stream()
              .filter(m -> m.recipient().equals("broken@@trips..example"))
              .findFirst()
              .orElseThrow();
      assertThat(failed.status()).isEqualTo(Outbox.FAILED);
      assertThat(failed.attempts()).isEqualTo(3);

      assertThat(api("GET", "/api/notifications?status=FAILED", "admin").body())
          .contains("broken@@trips..example", "\"attempts\":3", "AddressException");
      assertThat(api("GET", "/api/notifications?status=FAILED", "zhang.wei").statusCode())
          .isEqualTo(403);
      assertThat(api("GET", "/api/notifications?status=FAILED", null).statusCode()).isEqualTo(401);
      assertThat(api("GET", "/api/notifications?status=LOST", "admin").body()).contains("status:");
      assertThat(api("GET", "/api/notifications?limit=100000", "admin").statusCode())
          .isEqualTo(400);
      assertThat(api("POST", "/api/notifications/" + failed.id() + "/retry", "admin").statusCode())
          .isEqualTo(202);
      assertThat(outbox.byId(failed.id()).orElseThrow().status()).isEqualTo(Outbox.PENDING);
      assertThat(api("POST", "/api/notifications/999999/retry", "admin").statusCode())
          .isEqualTo(404);
    } finally {
      engine.getIdentityService().deleteUser("broken.address");
      deliverEverything();
    }
  }

  @Test
  void twoDeliveryWorkersAtOnceSendEachMessageOnce() throws Exception {
    for (int i = 0; i < 8; i++) {
      driver.approveAllLevels(driver.submit(aTrip().build()));
    }
    int waiting = outbox.find(Outbox.PENDING, 500).size();
    assertThat(waiting).isGreaterThan(2 * 20);

    var workers = Executors.newFixedThreadPool(2);
    try {
      var first = workers.submit(delivery::deliverDue);
      var second = workers.submit(delivery::deliverDue);
      first.get(60, TimeUnit.SECONDS);
      second.get(60, TimeUnit.SECONDS);
    } finally {
      workers.shutdownNow();
    }
    deliverEverything();

    List<String> delivered =
        Arrays.stream(smtp.getReceivedMessages()).map(NotificationIT::messageId).toList();
    assertThat(delivered).hasSize(waiting).doesNotHaveDuplicates();
    assertThat(trail.verify().intact()).as("both workers appended to the audit trail").isTrue();
  }

  @Test
  void hostileTextArrivesAsText() throws Exception {
    String hostile = "<script>alert('x')</script><b>粗体</b> 与日本经济产业省商谈2027年度合作备忘录的具体条款";
    driver.submit(aTrip().purpose(hostile).build());
    deliverEverything();

    String html = bodyOf(messagesTo(UNIT_HEAD).get(0), "text/html");
    assertThat(html)
        .doesNotContain("<script>", "<b>粗体</b>")
        .contains("&lt;script&gt;", "&lt;b&gt;粗体&lt;/b&gt;");
  }

  private void deliverEverything() {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              delivery.deliverDue();
              return outbox.find(Outbox.PENDING, 1).isEmpty();
            });
  }

  private List<MimeMessage> messagesTo(String address) throws Exception {
    List<MimeMessage> messages = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
        messages.add(message);
      }
    }
    return messages;
  }

  private List<String> subjectsTo(String address) throws Exception {
    return messagesTo(address).stream().map(NotificationIT::subject).toList();
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String bodyOf(MimeMessage message, String mimeType) throws Exception {
    return find(message, mimeType);
  }

  private static String find(Part part, String mimeType) throws Exception {
    if (part.isMimeType(mimeType)) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = find(multipart.getBodyPart(i), mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private HttpResponse<String> api(String method, String path, String user) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":Trip-Demo-2026").getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
