package org.tripapproval.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.tripapproval.trip.TripProcess;
import org.tripapproval.trip.TripRequest;

/**
 * Takes trips through their whole life over the public REST API (/engine-rest), as the demo users'
 * clients would: submit, every review level, the report and its verification. Timers are made due
 * at once through the API (an administrator's "set due date") and left to the job executors; a
 * timer already due is not touched again, so a job is never changed while it runs. Each call goes
 * to the node the {@code balancer} names, as behind a load balancer.
 */
public final class RestTripDriver {

  public static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final DateTimeFormatter CAMUNDA_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final Duration TRIP_TIMEOUT = Duration.ofMinutes(5);

  /**
   * The timers on the trip's path; the boundary timers (overdue, reminders) are left to their
   * dates.
   */
  public static final Set<String> LIFECYCLE_TIMERS =
      Set.of(
          TripProcess.PRE_TRIP_DISCLOSURE_ENDED,
          TripProcess.DEPARTURE_DAY_REACHED,
          TripProcess.TRIP_RETURNED,
          TripProcess.POST_TRIP_DISCLOSURE_ENDED);

  private final Supplier<String> balancer;
  private final Collection<String> completedTasks = new ConcurrentLinkedQueue<>();
  private final Map<String, String> activityByJobDefinition = new ConcurrentHashMap<>();

  public RestTripDriver(Supplier<String> balancer) {
    this.balancer = balancer;
  }

  private RestClient as(String user) {
    return new RestClient(balancer.get(), user);
  }

  /** Submits a request with its invitation letter as the applicant; the new trip's id. */
  public String submit(TripRequest trip) {
    HttpResponse<String> response =
        as(TripDriver.APPLICANT)
            .post(
                "/engine-rest/process-definition/key/" + TripProcess.KEY + "/submit-form",
                submission(trip));
    return field(expect(response, 200), "id");
  }

  public static String submission(TripRequest trip) {
    String letter = Base64.getEncoder().encodeToString(Files.pdfBytes());
    return write(
        Map.of(
            "variables",
            Map.of(
                "trip", Map.of("type", "Json", "value", write(trip)),
                "invitationLetter",
                    Map.of(
                        "type",
                        "File",
                        "value",
                        letter,
                        "valueInfo",
                        Map.of("filename", "invitation.pdf", "mimeType", "application/pdf")))));
  }

  /** From submission to closure; every call is checked. */
  public String runWholeLifecycle(TripRequest request) {
    String trip = submit(request);
    driveToEnd(trip, request);
    return trip;
  }

  /**
   * Acts on whatever the trip waits for, until it is closed: each review level approves, each
   * lifecycle timer is made due, the report is filed and accepted. Picks up a trip wherever it is,
   * e.g. after a node or the database came back.
   */
  public void driveToEnd(String trip, TripRequest request) {
    await()
        .atMost(TRIP_TIMEOUT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> actOn(trip, request) && ended(trip));
  }

  /**
   * One round: decides the open tasks and makes the waiting timers due; always true, so the wait
   * asks again.
   */
  private boolean actOn(String trip, TripRequest request) {
    for (JsonNode task :
        read(
            expect(
                as("admin").get("/engine-rest/task?maxResults=50&processInstanceId=" + trip),
                200))) {
      String id = task.get("id").asText();
      switch (task.get("taskDefinitionKey").asText()) {
        case TripProcess.REVIEW_TRIP_REQUEST -> {
          String level =
              field(
                  expect(
                      as("admin").get("/engine-rest/task/" + id + "/variables/reviewLevel"), 200),
                  "value");
          decide(TripDriver.REVIEWER_BY_LEVEL.get(level), id, "approve", "同意 agreed");
        }
        case TripProcess.FILE_TRIP_REPORT -> fileReport(id, request);
        case TripProcess.VERIFY_TRIP_REPORT -> decide(TripDriver.VERIFIER, id, "accept", "");
        default -> {} // a task of another's (none on the trip's path)
      }
    }
    for (JsonNode job :
        read(
            expect(
                as("admin").get("/engine-rest/job?maxResults=50&processInstanceId=" + trip),
                200))) {
      if (LIFECYCLE_TIMERS.contains(activityOf(job))
          && OffsetDateTime.parse(job.get("dueDate").asText(), CAMUNDA_DATE)
              .isAfter(OffsetDateTime.now())) {
        expect(
            as("admin")
                .put(
                    "/engine-rest/job/" + job.get("id").asText() + "/duedate",
                    "{\"duedate\":\""
                        + OffsetDateTime.now().minusSeconds(1).format(CAMUNDA_DATE)
                        + "\"}"),
            204);
      }
    }
    return true;
  }

  /** The user claims the task and submits the form with a decision. */
  public void decide(String user, String task, String decision, String reason) {
    expect(
        as(user).post("/engine-rest/task/" + task + "/claim", "{\"userId\":\"" + user + "\"}"),
        204);
    completed(
        task,
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
                            Map.of("value", reason))))));
  }

  /** The applicant withdraws the trip from My trips: {@code POST /api/my-trips/{id}/withdrawal}. */
  public HttpResponse<String> withdraw(String applicant, String trip, String reason) {
    return as(applicant)
        .post("/api/my-trips/" + trip + "/withdrawal", write(Map.of("reason", reason)));
  }

  private void fileReport(String task, TripRequest request) {
    completed(
        task,
        as(TripDriver.APPLICANT)
            .post(
                "/engine-rest/task/" + task + "/submit-form",
                write(
                    Map.of(
                        "variables",
                        Map.of(
                            "report",
                            Map.of(
                                "type", "Json", "value", write(TripDriver.reportFor(request))))))));
  }

  private void completed(String task, HttpResponse<String> response) {
    expect(response, 204);
    completedTasks.add(task);
  }

  /** The trip's open task with this key, as an administrator sees it, or null. */
  public String taskOrNull(String trip, String taskKey) {
    JsonNode tasks =
        read(
            expect(
                as("admin")
                    .get(
                        "/engine-rest/task?maxResults=10&processInstanceId="
                            + trip
                            + "&taskDefinitionKey="
                            + taskKey),
                200));
    return tasks.isEmpty() ? null : tasks.get(0).get("id").asText();
  }

  /** Tasks this driver completed (answered 204), in order. */
  public Collection<String> completedTasks() {
    return completedTasks;
  }

  private String activityOf(JsonNode job) {
    String definition = job.get("jobDefinitionId").asText();
    return activityByJobDefinition.computeIfAbsent(
        definition,
        id ->
            field(expect(as("admin").get("/engine-rest/job-definition/" + id), 200), "activityId"));
  }

  private boolean ended(String trip) {
    return "COMPLETED"
        .equals(
            field(
                expect(as("admin").get("/engine-rest/history/process-instance/" + trip), 200),
                "state"));
  }

  public static HttpResponse<String> expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          response.request().method()
              + " "
              + response.request().uri()
              + " answered "
              + response.statusCode()
              + ", not "
              + status
              + ": "
              + response.body());
    }
    return response;
  }

  public static JsonNode read(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String field(HttpResponse<String> response, String name) {
    return read(response).get(name).asText();
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
