package org.tripapproval.calendar;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health}'s {@code workCalendar}: the years whose calendar is needed and missing,
 * for the administrators (details are shown to them only). Always UP: a missing calendar makes
 * deadlines provisional, it does not stop a node from serving, and must not take it out of the load
 * balancer.
 */
@Component("workCalendar")
class WorkCalendarHealth implements HealthIndicator {

  private final CalendarCoverage coverage;

  WorkCalendarHealth(CalendarCoverage coverage) {
    this.coverage = coverage;
  }

  @Override
  public Health health() {
    CalendarCoverage.Coverage now = coverage.now();
    Health.Builder health = Health.up().withDetail("missingYears", now.missing());
    if (now.warning() != null) {
      health.withDetail("warning", now.warning());
    }
    return health.build();
  }
}
