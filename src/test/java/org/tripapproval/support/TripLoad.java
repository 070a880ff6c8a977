package org.tripapproval.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.tripapproval.trip.TripRequest;

/**
 * Clients running trips through their lifecycle on one node until stopped; a failed call ends that
 * client's trip.
 */
public final class TripLoad {

  /** Every trip submitted, with its request. */
  public final Map<String, TripRequest> trips = new ConcurrentHashMap<>();

  public final AtomicInteger closed = new AtomicInteger();
  public final AtomicInteger refused = new AtomicInteger();
  public final JarNode node;
  public final RestTripDriver driver;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService clients;

  public TripLoad(JarNode node, int clientCount) {
    this.node = node;
    this.driver = new RestTripDriver(node::baseUrl);
    this.clients = Executors.newFixedThreadPool(clientCount);
    for (int i = 0; i < clientCount; i++) {
      clients.submit(this::runTrips);
    }
  }

  private void runTrips() {
    while (running.get()) {
      TripRequest request = TripRequestBuilder.aTrip().build();
      try {
        String trip = driver.submit(request);
        trips.put(trip, request);
        driver.driveToEnd(trip, request);
        closed.incrementAndGet();
      } catch (AssertionError | RuntimeException failure) {
        refused.incrementAndGet(); // a 503, or no answer from a killed node: the trip is finished
        // later
        awaitHealthyOrStopped();
      }
    }
  }

  public void until(BooleanSupplier condition) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(condition::getAsBoolean);
  }

  public void stop() throws InterruptedException {
    running.set(false);
    clients.shutdown();
    assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
  }

  /**
   * As a client told Retry-After would: waits until the node is healthy again, or the test stops
   * the load.
   */
  private void awaitHealthyOrStopped() {
    RestClient health = new RestClient(node.baseUrl(), null);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> !running.get() || health.get("/actuator/health").statusCode() == 200);
  }
}
