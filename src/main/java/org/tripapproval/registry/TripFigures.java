package org.tripapproval.registry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.TripStatus;

/**
 * Where the trips stand, for the office's dashboard: a gauge per status, and the reports overdue.
 * Read from the registry at each scrape (indexed counts), so every node reports the same figures.
 */
@Component
class TripFigures implements MeterBinder {

  private final TripRegistry registry;

  TripFigures(TripRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    for (TripStatus status : TripStatus.values()) {
      Gauge.builder("trips.status", () -> registry.countWithStatus(status))
          .description("Trips by where they stand (出访按状态)")
          .tag("status", status.name())
          .strongReference(true)
          .register(meters);
    }
    Gauge.builder(
            "trips.reports.overdue", () -> registry.countWithReportStatus(ReportStatus.OVERDUE))
        .description("Reports past their deadline and not filed (逾期未交报告)")
        .strongReference(true)
        .register(meters);
  }
}
