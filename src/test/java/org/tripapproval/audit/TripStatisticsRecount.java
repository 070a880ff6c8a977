package org.tripapproval.audit;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.tripapproval.calendar.WorkingDays;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.TripStatus;

/**
 * The statistics of a year counted again from every registry row of the year, as the page counted
 * them before the year summary (V19): the reference that the summary's figures must always equal.
 */
final class TripStatisticsRecount {

  private static final class Tally {
    int trips;
    int members;
    long days;
    int countries;
    int planned;
    int unplanned;
    int rejected;
    int withdrawn;
    int overdue;
    final List<Integer> workingDaysToApproval = new ArrayList<>();
    final Map<String, Integer> reasons = new HashMap<>();
  }

  /** The submission and approval days of a trip, in the application's zone. */
  private record Days(LocalDate submitted, LocalDate approved) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final WorkingDays workingDays;
  private final ZoneId zone;

  TripStatisticsRecount(NamedParameterJdbcTemplate jdbc, WorkingDays workingDays, Clock clock) {
    this.jdbc = jdbc;
    this.workingDays = workingDays;
    this.zone = clock.getZone();
  }

  /**
   * The years in which trips depart, latest first: the auditors' year picker opens on the first.
   */
  List<Integer> yearsWithTrips() {
    return jdbc
        .getJdbcTemplate()
        .queryForList(
            "SELECT DISTINCT departure_date FROM trip_registry"
                + " WHERE departure_date IS NOT NULL AND unit IS NOT NULL",
            Date.class)
        .stream()
        .map(date -> date.toLocalDate().getYear())
        .distinct()
        .sorted(Comparator.reverseOrder())
        .toList();
  }

  TripStatistics.YearStatistics forYear(int year) {
    MapSqlParameterSource range =
        new MapSqlParameterSource()
            .addValue("from", Date.valueOf(LocalDate.of(year, 1, 1)))
            .addValue("to", Date.valueOf(LocalDate.of(year, 12, 31)));
    Map<String, Tally> byUnit = new TreeMap<>();
    // many trips share their two days: each pair is counted on the calendar once
    Map<Days, Integer> counted = new HashMap<>();
    jdbc.query(
        "SELECT unit, delegation_size, departure_date, return_date, planned, status, report_status,"
            + " rejection_reason, submitted_at, approved_at FROM trip_registry"
            + " WHERE departure_date >= :from AND departure_date <= :to AND unit IS NOT NULL",
        range,
        rs -> {
          Tally tally = byUnit.computeIfAbsent(rs.getString("unit"), unit -> new Tally());
          tally.trips++;
          tally.members += rs.getInt("delegation_size");
          LocalDate departure = rs.getDate("departure_date").toLocalDate();
          LocalDate returning = rs.getDate("return_date").toLocalDate();
          tally.days += ChronoUnit.DAYS.between(departure, returning) + 1;
          if (rs.getBoolean("planned")) {
            tally.planned++;
          } else {
            tally.unplanned++;
          }
          TripStatus status = TripStatus.fromStored(rs.getString("status"));
          if (status == TripStatus.REJECTED) {
            tally.rejected++;
            String reason = rs.getString("rejection_reason");
            tally.reasons.merge(reason == null || reason.isBlank() ? "—" : reason, 1, Integer::sum);
          } else if (status == TripStatus.WITHDRAWN) {
            tally.withdrawn++;
          }
          if (ReportStatus.fromStored(rs.getString("report_status")) == ReportStatus.OVERDUE) {
            tally.overdue++;
          }
          Timestamp submitted = rs.getTimestamp("submitted_at");
          Timestamp approved = rs.getTimestamp("approved_at");
          if (submitted != null && approved != null) {
            Days days =
                new Days(
                    LocalDate.ofInstant(submitted.toInstant(), zone),
                    LocalDate.ofInstant(approved.toInstant(), zone));
            tally.workingDaysToApproval.add(
                counted.computeIfAbsent(
                    days, d -> workingDays.workingDaysBetween(d.submitted(), d.approved())));
          }
        });
    jdbc.query(
        "SELECT r.unit, COUNT(DISTINCT c.country) AS countries FROM trip_registry r"
            + " JOIN trip_country c ON c.process_instance_id = r.process_instance_id"
            + " WHERE r.departure_date >= :from AND r.departure_date <= :to AND r.unit IS NOT NULL GROUP BY r.unit",
        range,
        rs -> {
          Tally tally = byUnit.get(rs.getString("unit"));
          if (tally != null) {
            tally.countries = rs.getInt("countries");
          }
        });
    List<TripStatistics.UnitStatistics> units = new ArrayList<>();
    byUnit.forEach(
        (unit, t) ->
            units.add(
                new TripStatistics.UnitStatistics(
                    unit,
                    t.trips,
                    t.members,
                    t.days,
                    t.countries,
                    t.planned,
                    t.unplanned,
                    t.rejected,
                    t.withdrawn,
                    t.overdue,
                    TimeToApproval.of(t.workingDaysToApproval),
                    reasons(t.reasons),
                    null)));
    return new TripStatistics.YearStatistics(year, units);
  }

  private static List<TripStatistics.ReasonCount> reasons(Map<String, Integer> reasons) {
    return reasons.entrySet().stream()
        .map(e -> new TripStatistics.ReasonCount(e.getKey(), e.getValue()))
        .sorted(
            Comparator.comparingInt(TripStatistics.ReasonCount::count)
                .reversed()
                .thenComparing(TripStatistics.ReasonCount::reason))
        .limit(10)
        .toList();
  }
}
