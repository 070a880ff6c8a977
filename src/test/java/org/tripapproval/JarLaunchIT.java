package org.tripapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripapproval.support.JarNode;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.RestTripDriver;
import org.tripapproval.support.RunsJarNodes;
import org.tripapproval.support.TripRequestBuilder;

/**
 * The built jar, started as an operator starts it (java -jar): it deploys the models, serves the
 * forms and the project's files of the Camunda webapps (their Chinese), guards /engine-rest,
 * refuses a bad request with 400, mails the reviewer through the mail server it starts (read at
 * /mail), and a restart with unchanged models deploys nothing new.
 */
@RunsJarNodes
class JarLaunchIT {

  @Test
  void theJarDeploysServesFormsAndRestartsWithoutANewDeployment(@TempDir Path workDir)
      throws Exception {
    JarNode node =
        JarNode.start(
            "jar-launch",
            workDir,
            "--DB_URL=jdbc:h2:file:" + workDir.resolve("db").toAbsolutePath(),
            "--spring.mail.port=" + JarNode.freePort(),
            "--trips.mail.imap-port=" + JarNode.freePort(),
            "--trips.mail.delivery-interval=PT1S");
    RestClient anonymous = new RestClient(node.baseUrl(), null);
    try {
      assertThat(anonymous.get("/forms/review-trip-request.html").statusCode()).isEqualTo(200);
      assertThat(anonymous.get("/forms/partials/trip-editor.js").statusCode()).isEqualTo(200);
      // the webapps' files the project overrides: its copies win over the webjar's in the jar too
      assertThat(anonymous.get("/camunda/app/tasklist/locales/zh.json").body())
          .contains("\"START_PROCESS\": \"发起流程\"");
      assertThat(anonymous.get("/camunda/app/cockpit/scripts/config.js").body())
          .contains("availableLocales: ['zh', 'en']");
      assertThat(anonymous.get("/camunda/app/admin/styles/user-styles.css").body())
          .contains(".ce-eol-banner");
      assertThat(anonymous.get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
      assertThat(
              anonymous.as("zhang.wei").get("/engine-rest/process-definition?maxResults=10").body())
          .contains("\"key\":\"overseas-trip\"");
      assertThat(anonymous.as("admin").get("/engine-rest/deployment/count").body())
          .isEqualTo("{\"count\":1}");
      assertThat(anonymous.as("zhang.wei").get("/engine-rest/process-definition").body())
          .as("a query without maxResults is refused (queryMaxResultsLimit)")
          .contains("unbound number of results");

      HttpResponse<String> refused =
          anonymous
              .as("zhang.wei")
              .post(
                  "/engine-rest/process-definition/key/overseas-trip/submit-form",
                  "{\"variables\":{\"trip\":{\"type\":\"Json\",\"value\":\"{\\\"purpose\\\":\\\"\\\",\\\"members\\\":[]}\"}}}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("purpose:", "members:", "departureDate:");
      assertThat(anonymous.as("admin").get("/engine-rest/process-instance/count").body())
          .isEqualTo("{\"count\":0}");

      HttpResponse<String> submitted =
          anonymous
              .as("zhang.wei")
              .post(
                  "/engine-rest/process-definition/key/overseas-trip/submit-form",
                  RestTripDriver.submission(TripRequestBuilder.aTrip().build()));
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
      assertThat(anonymous.get("/mail").statusCode()).isEqualTo(401);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> anonymous.as("li.na").get("/mail").body(),
              body -> body.contains("To do: Review trip request"));
    } finally {
      node.close();
    }
    node.start();
    try {
      assertThat(anonymous.as("admin").get("/engine-rest/deployment/count").body())
          .isEqualTo("{\"count\":1}");
    } finally {
      node.close();
    }
  }
}
