package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.support.TripDriver;

/** Auditors read a trip's trail and the chain's verification; nobody else does, and nobody writes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM: close it before the next IT starts its own
class AuditApiIT {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;

  @Test
  void auditorsReadTheTrailAndTheVerificationAndNobodyElseDoes() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    ProcessInstance trip = driver.submit(aTrip().build());
    driver.review(trip, "sendBack", "请补充议题 <b>list</b>");
    String path = "/api/audit/trips/" + trip.getId() + "/trail";

    HttpResponse<String> trail = call("GET", path, "zhao.lei");
    assertThat(trail.statusCode()).isEqualTo(200);
    assertThat(trail.body()).contains("trip.submitted", "operation.Claim", "li.na", "请补充议题 <b>list</b>");
    assertThat(call("GET", "/api/audit/trail/verification", "zhao.lei").body()).contains("\"intact\":true");

    assertThat(call("GET", path, "zhang.wei").statusCode()).isEqualTo(403);
    assertThat(call("GET", path, "li.na").statusCode()).isEqualTo(403);
    assertThat(call("GET", path, "admin").statusCode()).isEqualTo(403);
    assertThat(call("GET", path, null).statusCode()).isEqualTo(401);
    assertThat(call("DELETE", path, "zhao.lei").statusCode()).isEqualTo(403);
    assertThat(call("POST", "/api/audit/trail/verification", "zhao.lei").statusCode()).isEqualTo(403);
    assertThat(call("GET", "/api/audit/trips/no-such-trip/trail", "zhao.lei").statusCode()).isEqualTo(400);
    assertThat(call("GET", "/api/audit/trips/00000000-0000-0000-0000-000000000000/trail", "zhao.lei").statusCode())
        .isEqualTo(404);
    // last: a wrong password locks the user for a few seconds (the engine's login throttling)
    assertThat(call("GET", path, "zhao.lei", "wrong-password").statusCode()).isEqualTo(401);
    assertThat(call("GET", path, "zhao.lei").statusCode()).as("throttled right after").isEqualTo(401);
  }

  private HttpResponse<String> call(String method, String path, String user) throws Exception {
    return call(method, path, user, "Trip-Demo-2026");
  }

  private HttpResponse<String> call(String method, String path, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
