package org.tripapproval.audit;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.tripapproval.identity.Names;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * The auditors' read-only API (auditors only, see WebSecurity): search, CSV export, statistics, a
 * trip's complete trail, and the verification of the whole chain.
 */
@RestController
@RequestMapping("/api/audit")
class AuditApi {

  private final AuditTrail trail;
  private final TripSearch search;
  private final TripStatistics statistics;
  private final TripPath paths;
  private final TripRecords records;
  private final Names names;
  private final Clock clock;

  AuditApi(
      AuditTrail trail,
      TripSearch search,
      TripStatistics statistics,
      TripPath paths,
      TripRecords records,
      Names names,
      Clock clock) {
    this.trail = trail;
    this.search = search;
    this.statistics = statistics;
    this.paths = paths;
    this.records = records;
    this.names = names;
    this.clock = clock;
  }

  /** The trip's whole record in words: request, decisions, report, timeline, revisions. */
  @GetMapping("/trips/{processInstanceId}/record")
  ResponseEntity<?> record(@PathVariable String processInstanceId) {
    return records
        .of(checked(processInstanceId))
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElse(ResponseEntity.notFound().build());
  }

  @GetMapping("/trips/{processInstanceId}")
  ResponseEntity<?> trip(@PathVariable String processInstanceId) {
    return search
        .byId(checked(processInstanceId))
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElse(ResponseEntity.notFound().build());
  }

  @GetMapping("/trips/{processInstanceId}/path")
  ResponseEntity<?> path(@PathVariable String processInstanceId) {
    return paths
        .of(checked(processInstanceId))
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElse(ResponseEntity.notFound().build());
  }

  @GetMapping("/trips")
  TripSearch.Page trips(@RequestParam Map<String, String> parameters) {
    return search.search(TripFilter.parse(parameters));
  }

  @GetMapping("/trips.csv")
  ResponseEntity<StreamingResponseBody> tripsCsv(@RequestParam Map<String, String> parameters) {
    Map<String, String> filters = new HashMap<>(parameters);
    filters.remove("page");
    filters.remove("size");
    TripFilter filter = TripFilter.parse(filters);
    StreamingResponseBody body =
        out -> {
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          search.exportCsv(filter, writer);
          writer.flush();
        };
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"trips.csv\"")
        .body(body);
  }

  /** Every unit, code and name, for the search's unit picker. */
  @GetMapping("/units")
  Map<String, String> units() {
    return names.units();
  }

  /** The years that have trips, latest first. */
  @GetMapping("/statistics/years")
  Map<String, List<Integer>> yearsWithTrips() {
    return Map.of("years", statistics.yearsWithTrips());
  }

  @GetMapping("/statistics")
  TripStatistics.YearStatistics statistics(@RequestParam Map<String, String> parameters) {
    for (String name : parameters.keySet()) {
      if (!name.equals("year")) {
        throw new InvalidParameterException(name, "未知参数 / unknown parameter; use [year]");
      }
    }
    String year = parameters.get("year");
    if (year == null
        || !year.matches("\\d{4}")
        || Integer.parseInt(year) < 2000
        || Integer.parseInt(year) > 2100) {
      throw new InvalidParameterException(
          "year", "须为2000到2100之间的年份 / must be a year from 2000 to 2100");
    }
    return statistics.forYear(Integer.parseInt(year)).named(names::unit);
  }

  @GetMapping("/trail/verification")
  AuditTrail.Verification verify() {
    return trail.verify();
  }

  /**
   * The entries of no trip: users, groups, memberships, authorizations, deployments, refused calls.
   */
  @GetMapping("/system-trail")
  AuditTrail.SystemPage systemTrail(@RequestParam Map<String, String> parameters) {
    SystemTrailFilter filter = SystemTrailFilter.parse(parameters);
    return trail.systemEntries(
        filter.start(clock.getZone()), filter.end(clock.getZone()), filter.page(), filter.size());
  }

  @GetMapping("/trips/{processInstanceId}/trail")
  ResponseEntity<?> tripTrail(@PathVariable String processInstanceId) {
    List<AuditTrail.TrailEntry> entries = trail.forTrip(checked(processInstanceId));
    return entries.isEmpty() ? ResponseEntity.notFound().build() : ResponseEntity.ok(entries);
  }

  private static String checked(String processInstanceId) {
    if (!processInstanceId.matches("[0-9a-fA-F-]{1,64}")) {
      throw new InvalidParameterException("processInstanceId", "格式不正确 / is malformed");
    }
    return processInstanceId;
  }
}
