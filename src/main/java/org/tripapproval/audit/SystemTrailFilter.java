package org.tripapproval.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * The auditors' view of the system's own entries: days (in the trips' zone, both included) and a
 * page.
 */
record SystemTrailFilter(LocalDate from, LocalDate to, int page, int size) {

  private static final Set<String> PARAMETERS = Set.of("from", "to", "page", "size");

  static SystemTrailFilter parse(Map<String, String> parameters) {
    for (String name : parameters.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new InvalidParameterException(name, "未知参数 / unknown parameter; use " + PARAMETERS);
      }
    }
    LocalDate from = TripFilter.date(parameters, "from");
    LocalDate to = TripFilter.date(parameters, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw new InvalidParameterException("to", "早于 from / is before from");
    }
    return new SystemTrailFilter(
        from,
        to,
        TripFilter.number(parameters, "page", 0, 0, 1_000_000),
        TripFilter.number(parameters, "size", 50, 1, TripFilter.MAX_PAGE_SIZE));
  }

  Instant start(ZoneId zone) {
    return from == null ? null : from.atStartOfDay(zone).toInstant();
  }

  Instant end(ZoneId zone) {
    return to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
  }
}
