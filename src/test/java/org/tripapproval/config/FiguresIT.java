package org.tripapproval.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.notification.OutboxDelivery;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;

/**
 * The operators' figures as Prometheus scrapes them, after a known set of trips on PostgreSQL:
 * trips by status, reviews waiting and overdue, reports overdue, the outbox (pending, delivered,
 * given up on), incidents; and only administrators may scrape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a Spring Boot test exports no metrics unless asked: the application does
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM: close it before the next IT starts its own
class FiguresIT {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-z_]+(?:\\{[^}]*\\})?) ([-0-9.E+NaN]+)$", Pattern.MULTILINE);

  static int smtpPort;
  static GreenMail smtp;

  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired OutboxDelivery delivery;
  @LocalServerPort int port;

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
    registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("figures"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("spring.mail.port", () -> smtpPort);
    registry.add("trips.mail.max-attempts", () -> "1");
  }

  @Test
  void prometheusShowsWhereTheTripsAndTheMailStandToAdministratorsOnly() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    driver.submit(aTrip().build()); // waits for the unit head
    ProcessInstance late = driver.submit(aTrip().build());
    driver.fireTimer(late, TripProcess.REVIEW_OVERDUE); // still waiting, now past its deadline
    ProcessInstance rejected = driver.submit(aTrip().build());
    driver.review(rejected, "reject", "不符合年度计划");
    ProcessInstance travelled = driver.submit(aTrip().build());
    driver.approveAndTravel(travelled);
    driver.fireTimer(travelled, TripProcess.REPORT_OVERDUE);

    Map<String, Double> before = scrape();
    assertThat(before)
        .containsEntry("trips_status{status=\"IN_REVIEW\"}", 2.0)
        .containsEntry("trips_status{status=\"REJECTED\"}", 1.0)
        .containsEntry("trips_status{status=\"CLOSED\"}", 0.0)
        .containsEntry("trips_reviews_waiting", 2.0)
        .containsEntry("trips_reviews_overdue", 1.0)
        .containsEntry("trips_reports_overdue", 1.0)
        .containsEntry("trips_engine_jobs_failing", 0.0)
        .containsEntry("trips_engine_incidents", 0.0)
        .containsEntry("trips_mail_delivered_total", 0.0);
    double queued = before.get("trips_mail_outbox_pending");
    assertThat(queued).as("every notice so far is waiting").isGreaterThan(3);
    assertThat(before.get("trips_mail_outbox_oldest_pending_seconds")).isGreaterThanOrEqualTo(0);

    delivery.deliverDue();
    Map<String, Double> delivered = scrape();
    assertThat(smtp.getReceivedMessages()).hasSize((int) queued);
    assertThat(delivered)
        .containsEntry("trips_mail_outbox_pending", 0.0)
        .containsEntry("trips_mail_outbox_oldest_pending_seconds", 0.0)
        .containsEntry("trips_mail_delivered_total", queued)
        .containsEntry("trips_mail_outbox_failed", 0.0);

    // the mail server goes away: one attempt allowed here, so the next notice is given up on
    smtp.stop();
    driver.submit(aTrip().build());
    double waiting = scrape().get("trips_mail_outbox_pending");
    assertThat(waiting).isPositive();
    delivery.deliverDue();
    String waitingReview =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(late.getId())
            .taskDefinitionKey(TripProcess.REVIEW_TRIP_REQUEST)
            .singleResult()
            .getExecutionId();
    engine
        .getRuntimeService()
        .createIncident("failedJob", waitingReview, "a job that kept failing");
    Map<String, Double> after = scrape();
    assertThat(
            after.entrySet().stream()
                .filter(sample -> sample.getKey().startsWith("trips_status{"))
                .mapToDouble(Map.Entry::getValue)
                .sum())
        .as("each of the five trips once, in one status")
        .isEqualTo(5.0);
    assertThat(after)
        .containsEntry("trips_mail_outbox_pending", 0.0)
        .containsEntry("trips_mail_outbox_failed", waiting)
        .containsEntry("trips_mail_attempts_failed_total", waiting)
        .containsEntry("trips_engine_incidents", 1.0);

    RestClient anonymous = new RestClient("http://localhost:" + port, null);
    assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(401);
    for (String notAdministrator : new String[] {"zhang.wei", "wang.fang", "zhao.lei"}) {
      assertThat(anonymous.as(notAdministrator).get("/actuator/prometheus").statusCode())
          .as(notAdministrator)
          .isEqualTo(403);
    }
  }

  @Test
  void theHealthTellsAdministratorsOnlyWhichWorkingDayCalendarsAreMissing() {
    RestClient anonymous = new RestClient("http://localhost:" + port, null);
    HttpResponse<String> forAdministrators = anonymous.as("admin").get("/actuator/health");
    assertThat(forAdministrators.statusCode()).isEqualTo(200);
    assertThat(forAdministrators.body()).contains("\"workCalendar\"", "\"missingYears\"");
    for (String notAdministrator : new String[] {null, "wang.fang"}) {
      HttpResponse<String> health =
          notAdministrator == null
              ? anonymous.get("/actuator/health")
              : anonymous.as(notAdministrator).get("/actuator/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).as(notAdministrator).contains("UP").doesNotContain("workCalendar");
    }
  }

  /** The project's samples of the scrape, by name and labels. */
  private Map<String, Double> scrape() {
    HttpResponse<String> answer =
        new RestClient("http://localhost:" + port, "admin").get("/actuator/prometheus");
    assertThat(answer.statusCode()).isEqualTo(200);
    Map<String, Double> samples = new HashMap<>();
    Matcher sample = SAMPLE.matcher(answer.body());
    while (sample.find()) {
      if (sample.group(1).startsWith("trips_")) {
        samples.put(sample.group(1), Double.valueOf(sample.group(2)));
      }
    }
    return samples;
  }
}
