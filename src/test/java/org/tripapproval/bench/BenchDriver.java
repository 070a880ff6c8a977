package org.tripapproval.bench;

import static org.tripapproval.support.RestTripDriver.expect;
import static org.tripapproval.support.RestTripDriver.read;
import static org.tripapproval.support.RestTripDriver.write;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.tripapproval.support.RestClient;
import org.tripapproval.support.RestTripDriver;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * Drives one trip from submission to closure through /engine-rest as its users would, as fast as
 * the server answers: each review level approves, the report is filed and accepted, and each timer
 * on the trip's path is executed as soon as it waits (POST /job/{id}/execute), so the disclosure
 * windows and the trip itself take no time. The same calls drive the baseline model.
 */
final class BenchDriver {

  /** Submission of a trip request (the real model) or start with its variables (the baseline). */
  interface Start {
    String start(RestClient applicant, TripRequest trip);
  }

  /**
   * A client with nothing to do looks again after 5 ms, then 10, 20 and at most 40 ms: each look is
   * three calls (tasks, jobs, the trip's state), and looking every 5 ms while a trip waited for its
   * approval number made 16 clients send 85 to 150 calls per trip instead of 33.
   */
  private static final long FIRST_PAUSE_NANOS = 5_000_000;

  private static final long LONGEST_PAUSE_NANOS = 40_000_000;

  private final Supplier<String> baseUrl;
  private final Latencies latencies;
  private final Map<String, String> activityByJobDefinition = new ConcurrentHashMap<>();

  BenchDriver(Supplier<String> baseUrl, Latencies latencies) {
    this.baseUrl = baseUrl;
    this.latencies = latencies;
  }

  private RestClient as(String user) {
    return new RestClient(baseUrl.get(), user);
  }

  /** From submission to closure; every call is checked. Returns the trip's id. */
  String run(Start start, TripRequest trip) {
    long began = System.nanoTime();
    String id = start.start(as(TripDriver.APPLICANT), trip);
    latencies.record("submit", began);
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      if (actOnTasks(id, trip) || executeTimers(id)) {
        pause = FIRST_PAUSE_NANOS;
        continue;
      }
      if ("COMPLETED"
          .equals(
              read(expect(as("admin").get("/engine-rest/history/process-instance/" + id), 200))
                  .get("state")
                  .asText())) {
        return id;
      }
      // something asynchronous is under way (the approval number): look again a little later
      LockSupport.parkNanos(pause);
      pause = Math.min(2 * pause, LONGEST_PAUSE_NANOS);
    }
  }

  private boolean actOnTasks(String trip, TripRequest request) {
    boolean acted = false;
    for (JsonNode task :
        read(
            expect(
                as("admin").get("/engine-rest/task?maxResults=50&processInstanceId=" + trip),
                200))) {
      String id = task.get("id").asText();
      switch (task.get("taskDefinitionKey").asText()) {
        case TripProcess.REVIEW_TRIP_REQUEST -> {
          String level =
              read(expect(
                      as("admin").get("/engine-rest/task/" + id + "/variables/reviewLevel"), 200))
                  .get("value")
                  .asText();
          String reviewer = TripDriver.REVIEWER_BY_LEVEL.get(level);
          if (reviewer == null) {
            throw new IllegalStateException("no reviewer for review level " + level);
          }
          decide(reviewer, id, "approve", "同意 agreed", "review");
          acted = true;
        }
        case TripProcess.FILE_TRIP_REPORT -> {
          long began = System.nanoTime();
          expect(
              as(TripDriver.APPLICANT)
                  .post(
                      "/engine-rest/task/" + id + "/submit-form",
                      write(
                          Map.of(
                              "variables",
                              Map.of(
                                  "report",
                                  Map.of(
                                      "type",
                                      "Json",
                                      "value",
                                      write(TripDriver.reportFor(request))))))),
              204);
          latencies.record("file report", began);
          acted = true;
        }
        case TripProcess.VERIFY_TRIP_REPORT -> {
          decide(TripDriver.VERIFIER, id, "accept", "", "verify");
          acted = true;
        }
        default -> {} // a task of another's (none on the trip's path)
      }
    }
    return acted;
  }

  private void decide(String user, String task, String decision, String reason, String operation) {
    long began = System.nanoTime();
    expect(
        as(user).post("/engine-rest/task/" + task + "/claim", "{\"userId\":\"" + user + "\"}"),
        204);
    latencies.record("claim " + operation, began);
    began = System.nanoTime();
    expect(
        as(user)
            .post(
                "/engine-rest/task/" + task + "/submit-form",
                write(
                    Map.of(
                        "variables",
                        Map.of(
                            "decision",
                            Map.of("value", decision),
                            "decisionReason",
                            Map.of("value", reason))))),
        204);
    latencies.record("complete " + operation, began);
  }

  /**
   * Executes the trip's waiting lifecycle timers (not the reminders and escalations on the tasks).
   */
  private boolean executeTimers(String trip) {
    boolean acted = false;
    for (JsonNode job :
        read(
            expect(
                as("admin").get("/engine-rest/job?maxResults=50&processInstanceId=" + trip),
                200))) {
      if (RestTripDriver.LIFECYCLE_TIMERS.contains(activityOf(job))) {
        long began = System.nanoTime();
        HttpResponse<String> executed =
            as("admin").post("/engine-rest/job/" + job.get("id").asText() + "/execute", "");
        expect(executed, 204);
        latencies.record("timer", began);
        acted = true;
      }
    }
    return acted;
  }

  private String activityOf(JsonNode job) {
    return activityByJobDefinition.computeIfAbsent(
        job.get("jobDefinitionId").asText(),
        id ->
            read(expect(as("admin").get("/engine-rest/job-definition/" + id), 200))
                .get("activityId")
                .asText());
  }
}
