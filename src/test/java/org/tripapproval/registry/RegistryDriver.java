package org.tripapproval.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripStatus;

/**
 * The registry's writes as the history feed makes them, for tests in other packages: a registry on
 * a database of the test's own, with its year summary.
 */
public final class RegistryDriver {

  private final TripRegistry registry;

  public RegistryDriver(JdbcTemplate jdbc, Clock clock, ZoneId zone) {
    this.registry = new TripRegistry(jdbc, clock, YearSummary.on(jdbc, zone));
  }

  public void submitted(String trip, String applicant, Instant at) {
    registry.submitted(trip, applicant, at);
  }

  public void request(String trip, TripRequest request) {
    registry.request(trip, request);
  }

  public void approvalNumber(String trip, String number) {
    registry.approvalNumber(trip, number);
  }

  public void lastDecision(String trip, String decision, String reason) {
    registry.lastDecision(trip, decision, reason);
  }

  public void status(String trip, TripStatus status) {
    registry.status(trip, status);
  }

  public void reportStatus(String trip, ReportStatus status) {
    registry.reportStatus(trip, status);
  }

  public void ended(String trip, TripStatus status, Instant at) {
    registry.ended(trip, status, at);
  }
}
