package org.tripapproval.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.tripapproval.calendar.WorkingDays;

/**
 * Statistics per unit for the trips that depart in a year, read from the registry's year summary.
 */
@Service
class TripStatistics {

  record ReasonCount(String reason, int count) {}

  record UnitStatistics(
      String unit,
      int trips,
      int members,
      long daysAbroad,
      int countries,
      int planned,
      int unplanned,
      int rejected,
      int withdrawn,
      int overdueReports,
      TimeToApproval timeToApproval,
      List<ReasonCount> rejectionReasons,
      String unitName) {

    UnitStatistics named(Function<String, String> names) {
      return new UnitStatistics(
          unit,
          trips,
          members,
          daysAbroad,
          countries,
          planned,
          unplanned,
          rejected,
          withdrawn,
          overdueReports,
          timeToApproval,
          rejectionReasons,
          names.apply(unit));
    }
  }

  record YearStatistics(int year, List<UnitStatistics> units) {

    /** The same figures with each unit's name, as users read it. */
    YearStatistics named(Function<String, String> names) {
      return new YearStatistics(year, units.stream().map(unit -> unit.named(names)).toList());
    }
  }

  private static final class Tally {
    int countries;
    final Map<Integer, Integer> workingDaysToApproval = new TreeMap<>();
    final Map<String, Integer> reasons = new HashMap<>();
  }

  /** The submission and approval days of a trip, in the application's zone. */
  private record Days(LocalDate submitted, LocalDate approved) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final WorkingDays workingDays;

  TripStatistics(NamedParameterJdbcTemplate jdbc, WorkingDays workingDays) {
    this.jdbc = jdbc;
    this.workingDays = workingDays;
  }

  /**
   * The years in which trips depart, latest first: the auditors' year picker opens on the first.
   */
  List<Integer> yearsWithTrips() {
    return jdbc
        .getJdbcTemplate()
        .queryForList(
            "SELECT DISTINCT departure_year FROM trip_year_summary WHERE trips > 0", Integer.class)
        .stream()
        .sorted(Comparator.reverseOrder())
        .toList();
  }

  /**
   * The year's figures from the summary kept with the registry (V19, ADR 0023): one row per unit
   * and a few per unit's countries, days of submission and approval, and rejection reasons, however
   * many trips the year has. The working days to approval are counted here, on the calendar as it
   * is now, once for each pair of days.
   */
  YearStatistics forYear(int year) {
    MapSqlParameterSource inYear = new MapSqlParameterSource("year", year);
    Map<String, UnitStatistics> figures = new TreeMap<>();
    jdbc.query(
        "SELECT unit, trips, members, days_abroad, planned, unplanned, rejected, withdrawn,"
            + " overdue_reports FROM trip_year_summary WHERE departure_year = :year AND trips > 0",
        inYear,
        rs -> {
          figures.put(
              rs.getString("unit"),
              new UnitStatistics(
                  rs.getString("unit"),
                  rs.getInt("trips"),
                  rs.getInt("members"),
                  rs.getLong("days_abroad"),
                  0,
                  rs.getInt("planned"),
                  rs.getInt("unplanned"),
                  rs.getInt("rejected"),
                  rs.getInt("withdrawn"),
                  rs.getInt("overdue_reports"),
                  null,
                  null,
                  null));
        });
    Map<String, Tally> byUnit = new TreeMap<>();
    figures.keySet().forEach(unit -> byUnit.put(unit, new Tally()));
    jdbc.query(
        "SELECT unit, count(*) AS countries FROM trip_year_country"
            + " WHERE departure_year = :year AND trips > 0 GROUP BY unit",
        inYear,
        rs -> {
          Tally tally = byUnit.get(rs.getString("unit"));
          if (tally != null) {
            tally.countries = rs.getInt("countries");
          }
        });
    // many trips share their two days: each pair is counted on the calendar once
    Map<Days, Integer> counted = new HashMap<>();
    jdbc.query(
        "SELECT unit, submitted_on, approved_on, trips FROM trip_year_approval"
            + " WHERE departure_year = :year AND trips > 0",
        inYear,
        rs -> {
          Tally tally = byUnit.get(rs.getString("unit"));
          if (tally != null) {
            Days days =
                new Days(
                    rs.getDate("submitted_on").toLocalDate(),
                    rs.getDate("approved_on").toLocalDate());
            tally.workingDaysToApproval.merge(
                counted.computeIfAbsent(
                    days, d -> workingDays.workingDaysBetween(d.submitted(), d.approved())),
                rs.getInt("trips"),
                Integer::sum);
          }
        });
    jdbc.query(
        "SELECT unit, reason, trips FROM trip_year_rejection"
            + " WHERE departure_year = :year AND trips > 0",
        inYear,
        rs -> {
          Tally tally = byUnit.get(rs.getString("unit"));
          if (tally != null) {
            tally.reasons.merge(rs.getString("reason"), rs.getInt("trips"), Integer::sum);
          }
        });
    List<UnitStatistics> units = new ArrayList<>();
    figures.forEach(
        (unit, f) -> {
          Tally t = byUnit.get(unit);
          units.add(
              new UnitStatistics(
                  unit,
                  f.trips(),
                  f.members(),
                  f.daysAbroad(),
                  t.countries,
                  f.planned(),
                  f.unplanned(),
                  f.rejected(),
                  f.withdrawn(),
                  f.overdueReports(),
                  TimeToApproval.ofCounts(t.workingDaysToApproval),
                  reasons(t.reasons),
                  null));
        });
    return new YearStatistics(year, units);
  }

  private static List<ReasonCount> reasons(Map<String, Integer> reasons) {
    return reasons.entrySet().stream()
        .map(e -> new ReasonCount(e.getKey(), e.getValue()))
        .sorted(
            Comparator.comparingInt(ReasonCount::count)
                .reversed()
                .thenComparing(ReasonCount::reason))
        .limit(10)
        .toList();
  }
}
