package org.tripapproval.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.TripStatus;

/**
 * The statistics of each year kept with the registry (V19, ADR 0023): per year of departure and
 * unit, what the auditors' statistics page counts. A trip counts in the year of its departure and
 * its unit, once it has both, as on the page; when a registry row changes, the trip's old
 * contribution is taken away and its new one added, so a trip that moves to another year or unit
 * moves its counts, and a status change moves it between the figures.
 *
 * <p>In a transaction the trip's contribution before its first change is remembered and the
 * difference written just before the commit, for all the trips the transaction changed, in the
 * order of (year, unit): each summary row is locked for the commit only, and always in the same
 * order, so that two transactions cannot wait for each other on it. Outside a transaction (tests,
 * tools) each change is written at once.
 */
public class YearSummary {

  private static final Object PENDING_KEY = YearSummary.class.getName() + ".pending";

  /** The rejection reason the page shows for a rejection without one. */
  static final String NO_REASON = "—";

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  private YearSummary(JdbcTemplate jdbc, ZoneId zone) {
    this.jdbc = jdbc;
    this.zone = zone;
  }

  /**
   * The summary on this database, days taken in this zone: the application's bean ({@code
   * YearSummaryConfig}), and tests and tools that build their registry by hand.
   */
  public static YearSummary on(JdbcTemplate jdbc, ZoneId zone) {
    return new YearSummary(jdbc, zone);
  }

  /** Where a trip counts: the year of its departure and its unit. */
  record Key(int year, String unit) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      return year != other.year ? Integer.compare(year, other.year) : unit.compareTo(other.unit);
    }
  }

  /** What one trip adds to its year and unit. */
  record Contribution(
      Key key,
      int members,
      long days,
      boolean planned,
      boolean rejected,
      boolean withdrawn,
      boolean overdue,
      LocalDate submittedOn,
      LocalDate approvedOn,
      String reason,
      Set<String> countries) {}

  /** The differences to write: figures per key, and the side tables' counts per key and entry. */
  static final class Delta {
    // trips, members, days, planned, unplanned, rejected, withdrawn, overdue
    final Map<Key, long[]> figures = new TreeMap<>();
    final Map<Key, Map<String, Integer>> countries = new TreeMap<>();
    final Map<Key, Map<String, Integer>> approvals = new TreeMap<>();
    final Map<Key, Map<String, Integer>> reasons = new TreeMap<>();

    void add(Contribution trip, int sign) {
      if (trip == null) {
        return;
      }
      long[] f = figures.computeIfAbsent(trip.key(), k -> new long[8]);
      f[0] += sign;
      f[1] += (long) sign * trip.members();
      f[2] += sign * trip.days();
      f[trip.planned() ? 3 : 4] += sign;
      f[5] += trip.rejected() ? sign : 0;
      f[6] += trip.withdrawn() ? sign : 0;
      f[7] += trip.overdue() ? sign : 0;
      for (String country : trip.countries()) {
        count(countries, trip.key(), country, sign);
      }
      if (trip.submittedOn() != null) {
        count(approvals, trip.key(), trip.submittedOn() + "/" + trip.approvedOn(), sign);
      }
      if (trip.reason() != null) {
        count(reasons, trip.key(), trip.reason(), sign);
      }
    }

    private static void count(Map<Key, Map<String, Integer>> counts, Key key, String of, int n) {
      counts.computeIfAbsent(key, k -> new TreeMap<>()).merge(of, n, Integer::sum);
    }
  }

  /**
   * Makes a change to a trip's registry row (and its countries) and keeps the summary in step: the
   * write is run between reading the trip's contribution before and after.
   */
  void change(String processInstanceId, Runnable write) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      Contribution before = contribution(processInstanceId);
      write.run();
      Delta delta = new Delta();
      delta.add(before, -1);
      delta.add(contribution(processInstanceId), 1);
      write(delta);
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Contribution> pending =
        (Map<String, Contribution>) TransactionSynchronizationManager.getResource(PENDING_KEY);
    if (pending == null) {
      Map<String, Contribution> before = new LinkedHashMap<>();
      TransactionSynchronizationManager.bindResource(PENDING_KEY, before);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public int getOrder() {
              // before the audit trail's, which locks the chain head: always the same order
              return Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public void beforeCommit(boolean readOnly) {
              Delta delta = new Delta();
              before.forEach(
                  (trip, contribution) -> {
                    delta.add(contribution, -1);
                    delta.add(contribution(trip), 1);
                  });
              write(delta);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(PENDING_KEY);
            }
          });
      pending = before;
    }
    if (!pending.containsKey(processInstanceId)) {
      pending.put(processInstanceId, contribution(processInstanceId));
    }
    write.run();
  }

  /** What the trip adds to the statistics as its registry row stands, null if it counts nowhere. */
  Contribution contribution(String processInstanceId) {
    List<Contribution> found =
        jdbc.query(
            "SELECT unit, delegation_size, departure_date, return_date, planned, status,"
                + " report_status, rejection_reason, submitted_at, approved_at FROM trip_registry"
                + " WHERE process_instance_id = ? AND departure_date IS NOT NULL AND unit IS NOT NULL",
            (row, i) -> contribution(row, Set.of()),
            processInstanceId);
    if (found.isEmpty()) {
      return null;
    }
    Contribution trip = found.get(0);
    Set<String> countries =
        new TreeSet<>(
            jdbc.queryForList(
                "SELECT country FROM trip_country WHERE process_instance_id = ?",
                String.class,
                processInstanceId));
    return new Contribution(
        trip.key(),
        trip.members(),
        trip.days(),
        trip.planned(),
        trip.rejected(),
        trip.withdrawn(),
        trip.overdue(),
        trip.submittedOn(),
        trip.approvedOn(),
        trip.reason(),
        countries);
  }

  /** One registry row's contribution, read as the statistics page reads it. */
  private Contribution contribution(ResultSet row, Set<String> countries) throws SQLException {
    LocalDate departure = row.getDate("departure_date").toLocalDate();
    Date returning = row.getDate("return_date");
    TripStatus status = TripStatus.fromStored(row.getString("status"));
    String reason = null;
    if (status == TripStatus.REJECTED) {
      String given = row.getString("rejection_reason");
      reason = given == null || given.isBlank() ? NO_REASON : given;
    }
    Timestamp submitted = row.getTimestamp("submitted_at");
    Timestamp approved = row.getTimestamp("approved_at");
    boolean numbered = submitted != null && approved != null;
    return new Contribution(
        new Key(departure.getYear(), row.getString("unit")),
        row.getInt("delegation_size"),
        returning == null ? 0 : ChronoUnit.DAYS.between(departure, returning.toLocalDate()) + 1,
        row.getBoolean("planned"),
        status == TripStatus.REJECTED,
        status == TripStatus.WITHDRAWN,
        ReportStatus.fromStored(row.getString("report_status")) == ReportStatus.OVERDUE,
        numbered ? LocalDate.ofInstant(submitted.toInstant(), zone) : null,
        numbered ? LocalDate.ofInstant(approved.toInstant(), zone) : null,
        reason,
        countries);
  }

  /**
   * Counts the whole summary again from the registry rows: for the migration that creates it (V19),
   * and for tools that load registry rows without the application (the benchmark's bulk load).
   */
  public void rebuild() {
    // streamed (PostgreSQL fetches in steps only inside a transaction, as the migration runs)
    JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
    streaming.setFetchSize(10_000);
    jdbc.update("DELETE FROM trip_year_summary");
    jdbc.update("DELETE FROM trip_year_country");
    jdbc.update("DELETE FROM trip_year_approval");
    jdbc.update("DELETE FROM trip_year_rejection");
    Delta delta = new Delta();
    streaming.query(
        "SELECT unit, delegation_size, departure_date, return_date, planned, status,"
            + " report_status, rejection_reason, submitted_at, approved_at FROM trip_registry"
            + " WHERE departure_date IS NOT NULL AND unit IS NOT NULL",
        row -> {
          delta.add(contribution(row, Set.of()), 1);
        });
    streaming.query(
        "SELECT EXTRACT(YEAR FROM r.departure_date) AS departure_year, r.unit, c.country,"
            + " COUNT(*) AS trips FROM trip_country c JOIN trip_registry r"
            + " ON r.process_instance_id = c.process_instance_id"
            + " WHERE r.departure_date IS NOT NULL AND r.unit IS NOT NULL"
            + " GROUP BY EXTRACT(YEAR FROM r.departure_date), r.unit, c.country",
        row -> {
          Key key = new Key(row.getInt(1), row.getString(2));
          Delta.count(delta.countries, key, row.getString(3), row.getInt(4));
        });
    List<Object[]> summaries = new ArrayList<>();
    delta.figures.forEach((key, f) -> summaries.add(summaryRow(key, f)));
    jdbc.batchUpdate(
        "INSERT INTO trip_year_summary (departure_year, unit, trips, members, days_abroad, planned,"
            + " unplanned, rejected, withdrawn, overdue_reports) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        summaries);
    jdbc.batchUpdate(
        "INSERT INTO trip_year_country (departure_year, unit, country, trips) VALUES (?, ?, ?, ?)",
        rows(
            delta.countries,
            (key, country, n) -> new Object[] {key.year(), key.unit(), country, n}));
    jdbc.batchUpdate(
        "INSERT INTO trip_year_approval (departure_year, unit, submitted_on, approved_on, trips)"
            + " VALUES (?, ?, ?, ?, ?)",
        rows(delta.approvals, (key, days, n) -> approvalRow(key, days, n)));
    jdbc.batchUpdate(
        "INSERT INTO trip_year_rejection (departure_year, unit, reason_key, reason, trips)"
            + " VALUES (?, ?, ?, ?, ?)",
        rows(
            delta.reasons,
            (key, reason, n) -> new Object[] {key.year(), key.unit(), keyOf(reason), reason, n}));
  }

  private interface RowOf {
    Object[] row(Key key, String entry, int count);
  }

  private static List<Object[]> rows(Map<Key, Map<String, Integer>> counts, RowOf row) {
    List<Object[]> rows = new ArrayList<>();
    counts.forEach(
        (key, entries) -> entries.forEach((entry, n) -> rows.add(row.row(key, entry, n))));
    return rows;
  }

  private static Object[] summaryRow(Key key, long[] f) {
    return new Object[] {key.year(), key.unit(), f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]};
  }

  private static Object[] approvalRow(Key key, String days, int n) {
    String[] pair = days.split("/");
    return new Object[] {
      key.year(),
      key.unit(),
      Date.valueOf(LocalDate.parse(pair[0])),
      Date.valueOf(LocalDate.parse(pair[1])),
      n
    };
  }

  /** Writes the differences, key by key in order; the summary row first, as the key's lock. */
  private void write(Delta delta) {
    Set<Key> keys = new TreeSet<>(delta.figures.keySet());
    keys.addAll(delta.countries.keySet());
    keys.addAll(delta.approvals.keySet());
    keys.addAll(delta.reasons.keySet());
    for (Key key : keys) {
      long[] f = delta.figures.getOrDefault(key, new long[8]);
      Map<String, Integer> countries = changed(delta.countries.get(key));
      Map<String, Integer> approvals = changed(delta.approvals.get(key));
      Map<String, Integer> reasons = changed(delta.reasons.get(key));
      boolean figures = false;
      for (long n : f) {
        figures |= n != 0;
      }
      if (!figures && countries.isEmpty() && approvals.isEmpty() && reasons.isEmpty()) {
        continue;
      }
      Object[] row = summaryRow(key, f);
      upsert(
          "UPDATE trip_year_summary SET trips = trips + ?, members = members + ?,"
              + " days_abroad = days_abroad + ?, planned = planned + ?, unplanned = unplanned + ?,"
              + " rejected = rejected + ?, withdrawn = withdrawn + ?,"
              + " overdue_reports = overdue_reports + ? WHERE departure_year = ? AND unit = ?",
          new Object[] {f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], key.year(), key.unit()},
          "INSERT INTO trip_year_summary (departure_year, unit, trips, members, days_abroad,"
              + " planned, unplanned, rejected, withdrawn, overdue_reports)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          row);
      countries.forEach(
          (country, n) ->
              upsert(
                  "UPDATE trip_year_country SET trips = trips + ?"
                      + " WHERE departure_year = ? AND unit = ? AND country = ?",
                  new Object[] {n, key.year(), key.unit(), country},
                  "INSERT INTO trip_year_country (departure_year, unit, country, trips)"
                      + " VALUES (?, ?, ?, ?)",
                  new Object[] {key.year(), key.unit(), country, n}));
      approvals.forEach(
          (days, n) -> {
            Object[] inserted = approvalRow(key, days, n);
            upsert(
                "UPDATE trip_year_approval SET trips = trips + ? WHERE departure_year = ?"
                    + " AND unit = ? AND submitted_on = ? AND approved_on = ?",
                new Object[] {n, key.year(), key.unit(), inserted[2], inserted[3]},
                "INSERT INTO trip_year_approval (departure_year, unit, submitted_on, approved_on,"
                    + " trips) VALUES (?, ?, ?, ?, ?)",
                inserted);
          });
      reasons.forEach(
          (reason, n) -> {
            String reasonKey = keyOf(reason);
            upsert(
                "UPDATE trip_year_rejection SET trips = trips + ?"
                    + " WHERE departure_year = ? AND unit = ? AND reason_key = ?",
                new Object[] {n, key.year(), key.unit(), reasonKey},
                "INSERT INTO trip_year_rejection (departure_year, unit, reason_key, reason, trips)"
                    + " VALUES (?, ?, ?, ?, ?)",
                new Object[] {key.year(), key.unit(), reasonKey, reason, n});
          });
    }
  }

  private static Map<String, Integer> changed(Map<String, Integer> counts) {
    Map<String, Integer> changed = new TreeMap<>();
    if (counts != null) {
      counts.forEach(
          (entry, n) -> {
            if (n != 0) {
              changed.put(entry, n);
            }
          });
    }
    return changed;
  }

  /**
   * Adds to the row, or creates it. Two transactions may create the same row at once: the second
   * one's insert fails on the key, is undone to a savepoint, and adds to the row the first made.
   */
  private void upsert(String update, Object[] updateArguments, String insert, Object[] row) {
    if (jdbc.update(update, updateArguments) > 0) {
      return;
    }
    boolean inserted =
        Boolean.TRUE.equals(
            jdbc.execute(
                (Connection connection) -> {
                  Savepoint before = connection.getAutoCommit() ? null : connection.setSavepoint();
                  try (var statement = connection.prepareStatement(insert)) {
                    for (int i = 0; i < row.length; i++) {
                      statement.setObject(i + 1, row[i]);
                    }
                    statement.executeUpdate();
                  } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                      throw e;
                    }
                    if (before != null) {
                      connection.rollback(before);
                    }
                    return false;
                  }
                  if (before != null) {
                    connection.releaseSavepoint(before);
                  }
                  return true;
                }));
    if (!inserted) {
      jdbc.update(update, updateArguments);
    }
  }

  /** A reason's key in trip_year_rejection: its SHA-256, in hexadecimal. */
  static String keyOf(String reason) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(reason.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
