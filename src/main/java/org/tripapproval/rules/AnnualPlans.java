package org.tripapproval.rules;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tripapproval.csv.CsvUpload;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripStatus;

/**
 * The annual plan (年度出国计划) of each unit: loaded whole per unit and year from CSV ({@code
 * reference,title,headcount}), checked line by line, stored only when every line is right,
 * replacing what was there. A planned request must name an entry of its unit and departure year,
 * stay within the entry's headcount, and keep the unit within the year's total.
 */
@Service
public class AnnualPlans {

  public static final List<String> COLUMNS = List.of("reference", "title", "headcount");

  public record Entry(String reference, String title, int headcount) {}

  /**
   * What the rule table reads about the plan; the problem is empty when there is none to report.
   */
  record PlanFacts(String problem, String reference, int headcount, int total, int travellers) {
    static final PlanFacts NONE = new PlanFacts("", "", 0, 0, 0);
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  AnnualPlans(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  public int load(String unit, int year, String csv, String loadedBy) {
    List<Entry> entries = parse(csv);
    jdbc.update("DELETE FROM annual_plan_entry WHERE unit = ? AND plan_year = ?", unit, year);
    Timestamp now = Timestamp.from(clock.instant());
    for (Entry entry : entries) {
      jdbc.update(
          "INSERT INTO annual_plan_entry (unit, plan_year, reference, title, headcount, loaded_at, loaded_by)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)",
          unit,
          year,
          entry.reference(),
          entry.title(),
          entry.headcount(),
          now,
          loadedBy);
    }
    return entries.size();
  }

  public List<Entry> entries(String unit, int year) {
    return jdbc.query(
        "SELECT reference, title, headcount FROM annual_plan_entry WHERE unit = ? AND plan_year = ?"
            + " ORDER BY reference",
        (row, i) -> new Entry(row.getString(1), row.getString(2), row.getInt(3)),
        unit,
        year);
  }

  static List<Entry> parse(String csv) {
    Set<String> references = new HashSet<>();
    List<Entry> entries =
        CsvUpload.read(
            csv,
            COLUMNS,
            line -> {
              String reference = line.get("reference");
              String title = line.get("title");
              String headcount = line.get("headcount");
              if (reference.isEmpty() || reference.length() > 64) {
                line.problem("reference", "必填,不超过64字 / is required, at most 64 characters");
              } else if (!references.add(reference)) {
                line.problem("reference", "重复 / " + reference + " appears twice");
              }
              if (title.isEmpty() || title.length() > 500) {
                line.problem("title", "必填,不超过500字 / is required, at most 500 characters");
              }
              if (!headcount.matches("[1-9]\\d{0,2}")) {
                line.problem("headcount", "须为1到999的整数 / must be a whole number from 1 to 999");
                return null;
              }
              return new Entry(reference, title, Integer.parseInt(headcount));
            });
    if (entries.isEmpty()) {
      throw new CsvUpload.InvalidCsvException(List.of("line 2: 计划为空 / the plan has no entries"));
    }
    return entries;
  }

  /**
   * The plan facts of a request of this unit. A unit without a plan for the departure year is not
   * checked: plans are loaded by the office, and until they are, the reviewers judge.
   */
  PlanFacts check(TripRequest trip, String tripId) {
    if (trip.unit() == null || !trip.isPlanned() || trip.departureDate() == null) {
      return PlanFacts.NONE;
    }
    int year = trip.departureDate().getYear();
    int size = trip.members().size();
    // one round trip: the plan's total, the entry's headcount, the travellers of the unit's year
    Plan plan =
        jdbc.queryForObject(
            "SELECT SUM(headcount), COUNT(CASE WHEN reference = ? THEN 1 END),"
                + " MAX(CASE WHEN reference = ? THEN headcount END),"
                // summed only when the unit has a plan for the year
                + " CASE WHEN COUNT(*) = 0 THEN 0 ELSE"
                + " (SELECT COALESCE(SUM(delegation_size), 0) FROM trip_registry WHERE unit = ?"
                + " AND departure_date >= ? AND departure_date <= ? AND "
                + TripStatus.countsAsTripSql("status")
                + " AND process_instance_id <> ?) END"
                + " FROM annual_plan_entry WHERE unit = ? AND plan_year = ?",
            (row, i) ->
                new Plan(
                    row.getObject(1) == null ? null : row.getInt(1),
                    row.getInt(2) > 0,
                    row.getInt(3),
                    row.getInt(4)),
            trip.planReference(),
            trip.planReference(),
            trip.unit(),
            Date.valueOf(year + "-01-01"),
            Date.valueOf(year + "-12-31"),
            tripId == null ? "" : tripId,
            trip.unit(),
            year);
    if (plan.total() == null) {
      return PlanFacts.NONE;
    }
    int total = plan.total();
    int travellers = plan.earlierTravellers() + size;
    if (!plan.hasEntry()) {
      return new PlanFacts("unknownEntry", trip.planReference(), 0, total, travellers);
    }
    if (size > plan.headcount()) {
      return new PlanFacts(
          "overHeadcount", trip.planReference(), plan.headcount(), total, travellers);
    }
    if (travellers > total) {
      return new PlanFacts(
          "overYearlyTotal", trip.planReference(), plan.headcount(), total, travellers);
    }
    return new PlanFacts("", trip.planReference(), plan.headcount(), total, travellers);
  }

  /** The unit's plan for the year as a request needs it: null total when there is none. */
  private record Plan(Integer total, boolean hasEntry, int headcount, int earlierTravellers) {}
}
