package org.tripapproval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.tripapproval.support.TripRequestBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, started as an operator starts it (java -jar): it deploys the models, serves the
 * forms, guards /engine-rest, refuses a bad request with 400, mails the reviewer through the mail
 * server it starts (read at /mail), and a restart with unchanged models deploys nothing new.
 */
class JarLaunchIT {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void theJarDeploysServesFormsAndRestartsWithoutANewDeployment(@TempDir Path workDir) throws Exception {
    int port = freePort();
    Process first = launch(workDir, port, "first");
    try {
      assertThat(get(port, "/forms/review-trip-request.html", null).statusCode()).isEqualTo(200);
      assertThat(get(port, "/forms/partials/trip-editor.js", null).statusCode()).isEqualTo(200);
      assertThat(get(port, "/engine-rest/process-definition", null).statusCode()).isEqualTo(401);
      assertThat(get(port, "/engine-rest/process-definition", "zhang.wei").body()).contains("\"key\":\"overseas-trip\"");
      assertThat(get(port, "/engine-rest/deployment/count", "admin").body()).isEqualTo("{\"count\":1}");

      HttpResponse<String> refused = post(port, "/engine-rest/process-definition/key/overseas-trip/submit-form",
          "zhang.wei", "{\"variables\":{\"trip\":{\"type\":\"Json\",\"value\":\"{\\\"purpose\\\":\\\"\\\",\\\"members\\\":[]}\"}}}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("purpose:", "members:", "departureDate:");
      assertThat(get(port, "/engine-rest/process-instance/count", "admin").body()).isEqualTo("{\"count\":0}");

      HttpResponse<String> submitted = post(port, "/engine-rest/process-definition/key/overseas-trip/submit-form",
          "zhang.wei", validSubmission());
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
      assertThat(get(port, "/mail", null).statusCode()).isEqualTo(401);
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .until(() -> get(port, "/mail", "li.na").body(), body -> body.contains("To do: Review trip request"));
    } finally {
      stop(first);
    }
    Process second = launch(workDir, port, "second");
    try {
      assertThat(get(port, "/engine-rest/deployment/count", "admin").body()).isEqualTo("{\"count\":1}");
    } finally {
      stop(second);
    }
  }

  /** A valid request with its invitation letter, as a REST client sends it. */
  private static String validSubmission() throws IOException {
    ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    String trip = mapper.writeValueAsString(TripRequestBuilder.aTrip().build());
    String letter = Base64.getEncoder().encodeToString(org.tripapproval.support.Files.pdfBytes());
    return mapper.writeValueAsString(Map.of("variables", Map.of(
        "trip", Map.of("type", "Json", "value", trip),
        "invitationLetter", Map.of("type", "File", "value", letter,
            "valueInfo", Map.of("filename", "invitation.pdf", "mimeType", "application/pdf")))));
  }

  private Process launch(Path workDir, int port, String name) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = Path.of("target", "jar-launch-" + name + ".log").toAbsolutePath();
    Process process = new ProcessBuilder(java, "-Xmx512m", "-jar", jar().toString(),
        "--server.port=" + port, "--DB_URL=jdbc:h2:file:" + workDir.resolve("db").toAbsolutePath(),
        "--spring.mail.port=" + freePort(), "--trips.mail.imap-port=" + freePort(), "--trips.mail.delivery-interval=PT1S")
        .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .failFast("the application stopped; see " + log, () -> !process.isAlive())
        .until(() -> get(port, "/actuator/health", null).body().contains("UP"));
    return process;
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private HttpResponse<String> get(int port, String path, String user) throws IOException, InterruptedException {
    return http.send(request(port, path, user).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String user, String json)
      throws IOException, InterruptedException {
    return http.send(request(port, path, user).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(int port, String path, String user) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(10));
    if (user != null) {
      String credentials = user + ":Trip-Demo-2026";
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  private static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      List<Path> jars = files.filter(p -> p.getFileName().toString().matches("trip-approval-.*\\.jar")).toList();
      assertThat(jars).as("the jar that mvn package built").hasSize(1);
      return jars.get(0).toAbsolutePath();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
