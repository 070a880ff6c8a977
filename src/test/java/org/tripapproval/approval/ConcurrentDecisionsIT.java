package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.support.TestPostgres;
import org.tripapproval.support.TripDriver;
import org.tripapproval.trip.TripProcess;

/**
 * Two reviewers complete the same review at the same moment, 500 times, on PostgreSQL; and
 * applicants of two units submit at the same moment and get distinct request numbers, without a gap
 * when none of them fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext // one process engine "default" per JVM: close it before the next IT starts its own
class ConcurrentDecisionsIT {

  private static final int ROUNDS = 500;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabase("decisions");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ObjectMapper mapper;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @Test
  void exactlyOneOfTwoSimultaneousDecisionsCountsAndTheOtherGetsAConflict() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService reviewers = Executors.newFixedThreadPool(2);
    Map<String, Integer> outcomes = new TreeMap<>();
    AtomicInteger roundsWithOneDecision = new AtomicInteger();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        ProcessInstance trip = driver.submit(aTrip().build());
        String task = driver.openTask(trip, TripProcess.REVIEW_TRIP_REQUEST).getId();
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int reviewer = 0; reviewer < 2; reviewer++) {
          answers.add(
              reviewers.submit(
                  () -> {
                    HttpRequest request =
                        HttpRequest.newBuilder(
                                URI.create(
                                    "http://localhost:"
                                        + port
                                        + "/engine-rest/task/"
                                        + task
                                        + "/submit-form"))
                            .header("Content-Type", "application/json")
                            .header(
                                "Authorization",
                                "Basic "
                                    + Base64.getEncoder()
                                        .encodeToString(
                                            "li.na:Trip-Demo-2026"
                                                .getBytes(StandardCharsets.UTF_8)))
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    "{\"variables\":{\"decision\":{\"value\":\"approve\"},\"decisionReason\":{\"value\":\"同意\"}}}"))
                            .build();
                    together.await(10, TimeUnit.SECONDS);
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                  }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
          HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
          statuses.add(response.statusCode());
          if (response.statusCode() == 409) {
            assertThat(response.body()).contains("Someone else has just completed or changed this");
          }
        }
        statuses.sort(Integer::compare);
        outcomes.merge(statuses.toString(), 1, Integer::sum);
        String decisions =
            engine.getRuntimeService().getVariable(trip.getId(), "decisions").toString();
        if (mapper.readTree(decisions).size() == 1) {
          roundsWithOneDecision.incrementAndGet();
        }
      }
    } finally {
      reviewers.shutdownNow();
    }
    System.out.println(
        "two simultaneous decisions, outcomes over " + ROUNDS + " rounds: " + outcomes);
    assertThat(outcomes).containsOnlyKeys("[204, 409]");
    assertThat(roundsWithOneDecision).hasValue(ROUNDS);
  }

  @Test
  void simultaneousSubmissionsGetDistinctGapFreeRequestNumbersPerUnit() throws Exception {
    TripDriver driver = new TripDriver(engine, mapper);
    // education's numbers start in this test: its first ones also race to create the year's
    // counter;
    // nothing fails, so no number is left unused
    Map<String, String> unitOfApplicant = Map.of("zhang.wei", "省商务厅", "sun.li", "省教育厅");
    int tripsEach = 24;
    // no more at once than the connection pool's 10: beyond, a submission would wait for a
    // connection as any request does, and fail after DB_CONNECTION_TIMEOUT on a busy machine
    ExecutorService applicants = Executors.newFixedThreadPool(8);
    CountDownLatch together = new CountDownLatch(1);
    Map<String, List<Future<ProcessInstance>>> submitted = new TreeMap<>();
    try {
      unitOfApplicant.forEach(
          (applicant, unit) -> {
            for (int i = 0; i < tripsEach; i++) {
              submitted
                  .computeIfAbsent(unit, u -> new ArrayList<>())
                  .add(
                      applicants.submit(
                          () -> {
                            together.await();
                            return driver.submitAs(applicant, aTrip().build(), null);
                          }));
            }
          });
      long started = System.nanoTime();
      together.countDown();
      int year = LocalDate.now(clock).getYear();
      for (Map.Entry<String, List<Future<ProcessInstance>>> unit : submitted.entrySet()) {
        Set<Integer> sequence = new TreeSet<>();
        for (Future<ProcessInstance> trip : unit.getValue()) {
          String number = trip.get(2, TimeUnit.MINUTES).getBusinessKey();
          assertThat(number).startsWith(unit.getKey() + "-" + year + "-");
          sequence.add(Integer.parseInt(number.substring(number.lastIndexOf('-') + 1)));
        }
        assertThat(sequence).as("distinct numbers of %s", unit.getKey()).hasSize(tripsEach);
        int first = sequence.iterator().next();
        assertThat(sequence)
            .as("no gap in the numbers of %s", unit.getKey())
            .containsExactlyElementsOf(IntStream.range(first, first + tripsEach).boxed().toList());
      }
      System.out.printf(
          "%d simultaneous submissions of two units numbered in %.1f s%n",
          2 * tripsEach, (System.nanoTime() - started) / 1e9);
      assertThat(
              jdbc.queryForObject(
                  "SELECT min(sequence_number) FROM request_number WHERE unit_prefix = '省教育厅'",
                  Integer.class))
          .isEqualTo(1);
    } finally {
      applicants.shutdownNow();
    }
    // the registry's number is the engine's business key, for every trip
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM trip_registry r JOIN act_hi_procinst p"
                    + " ON p.id_ = r.process_instance_id WHERE r.request_number = p.business_key_",
                Integer.class))
        .isEqualTo(
            jdbc.queryForObject(
                "SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ = 'overseas-trip'",
                Integer.class));
  }
}
