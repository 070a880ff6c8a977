package org.tripapproval.audit;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.tripapproval.registry.YearSummary;

/**
 * Loads finished trips straight into a PostgreSQL database with COPY, as they would be after years
 * of use: the registry row, members and countries, and a few audit trail entries per trip, chained
 * onto the trail's head with real hashes (so the chain still verifies). Deterministic: trip n
 * always gets the same values. For the benchmark; nothing here runs in the application.
 */
public final class BulkTrips {

  public static final int TRAIL_ENTRIES_PER_TRIP = 6;
  public static final int UNITS = 40;
  public static final int APPLICANTS = 2000;
  public static final int NAMES = 50_000;
  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗"
  };
  private static final String[] COUNTRIES = {
    "JP", "KR", "SG", "TH", "MY", "ID", "VN", "US", "CA", "MX", "BR", "AR", "CL", "GB", "FR", "DE",
    "IT", "ES", "NL", "BE", "CH", "AT", "SE", "NO", "FI", "DK", "PL", "CZ", "HU", "RU", "KZ", "MN",
    "AU", "NZ", "ZA", "EG", "KE", "ET", "NG", "AE"
  };
  private static final String[] EVENTS = {
    "trip.submitted",
    "activity.completed",
    "task.complete",
    "task.complete",
    "task.complete",
    "trip.ended"
  };
  private static final LocalDate FIRST_DEPARTURE = LocalDate.of(2016, 1, 1);
  private static final int DEPARTURE_DAYS = 3957; // to the end of October 2026
  private static final int CHUNK = 20_000;

  /** The benchmark's nodes run without TRIPS_AUDIT_KEY: the rows are sealed as theirs are. */
  private static final ChainMac SEAL = new ChainMac(AuditChainConfig.DEVELOPMENT_KEY);

  private BulkTrips() {}

  /** The id of bulk trip n: hexadecimal, as the auditors' API accepts ids. */
  public static String id(long n) {
    return String.format("00000000-0000-4000-8000-%012x", n);
  }

  /** A member name that bulk trips use. */
  public static String name(int n) {
    return SURNAMES[n % SURNAMES.length] + "某" + (n / SURNAMES.length);
  }

  public static String unit(int n) {
    return "unit" + n;
  }

  public static String applicant(int n) {
    return "applicant" + n;
  }

  /** The application's default zone (TRIPS_ZONE), in which the benchmark's node runs. */
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /**
   * Loads trips [from, to) in one transaction, with the statistics' year summary counted again,
   * then vacuums and analyses the tables: a registry that grew to this size over the years has been
   * vacuumed by autovacuum as it grew (its index-only scans find its pages all visible), and a long
   * pass of autovacuum started by the load would otherwise run while the auditors are measured.
   */
  public static void load(Connection connection, long from, long to) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      long lastId;
      String lastHash;
      try (Statement head = connection.createStatement();
          ResultSet row =
              head.executeQuery(
                  "SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")) {
        row.next();
        lastId = row.getLong(1);
        lastHash = row.getString(2).trim();
      }
      for (long chunk = from; chunk < to; chunk += CHUNK) {
        StringBuilder registry = new StringBuilder();
        StringBuilder members = new StringBuilder();
        StringBuilder countries = new StringBuilder();
        StringBuilder findingRows = new StringBuilder();
        StringBuilder trail = new StringBuilder();
        for (long n = chunk; n < Math.min(to, chunk + CHUNK); n++) {
          SplittableRandom random = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
          String id = id(n);
          LocalDate departure = FIRST_DEPARTURE.plusDays(random.nextInt(DEPARTURE_DAYS));
          LocalDate returned = departure.plusDays(2 + random.nextInt(8));
          int size = 1 + random.nextInt(6);
          int roll = random.nextInt(100);
          String status =
              roll < 85
                  ? "CLOSED"
                  : roll < 90
                      ? "REJECTED"
                      : roll < 94 ? "WITHDRAWN" : roll < 97 ? "REPORT_DUE" : "RESULTS_DISCLOSED";
          String reportStatus =
              switch (status) {
                case "CLOSED", "RESULTS_DISCLOSED" -> "ACCEPTED";
                case "REPORT_DUE" -> random.nextInt(3) == 0 ? "OVERDUE" : "DUE";
                default -> "NOT_DUE";
              };
          boolean travelled = !status.equals("REJECTED") && !status.equals("WITHDRAWN");
          int findingRoll = random.nextInt(100);
          String findings = findingRoll < 10 ? "tasks" : findingRoll < 13 ? "budget" : "";
          String applicant = applicant(random.nextInt(APPLICANTS));
          Instant submitted =
              departure.minusDays(30).atStartOfDay().toInstant(ZoneOffset.ofHours(8));
          Instant ended = returned.plusDays(40).atStartOfDay().toInstant(ZoneOffset.ofHours(8));
          row(
              registry,
              id,
              applicant,
              unit(random.nextInt(UNITS)),
              status,
              "与外方机构商谈第" + n + "号合作事项 talks on cooperation item " + n,
              departure,
              returned,
              travelled ? departure : null,
              travelled ? returned : null,
              travelled ? "外办〔" + departure.getYear() + "〕" + n + "号" : null,
              size,
              10_000 + random.nextInt(190_000) + ".00",
              random.nextInt(10) != 0,
              0,
              findings,
              reportStatus,
              status.equals("REJECTED") ? "reject" : "accept",
              Timestamp.from(submitted),
              status.equals("REPORT_DUE") ? null : Timestamp.from(ended),
              Timestamp.from(ended),
              travelled ? Timestamp.from(submitted.plusSeconds(7 * 86400)) : null,
              status.equals("REJECTED") ? "与本单位年度计划不符 not in the plan" : null);
          Set<Integer> names = new LinkedHashSet<>();
          while (names.size() < size) {
            names.add(random.nextInt(NAMES));
          }
          int index = 0;
          for (int name : names) {
            row(
                members,
                id,
                index,
                name(name),
                index == 0 ? "处长" : "干部",
                index == 0 ? "division" : "section");
            index++;
          }
          Set<String> visited = new LinkedHashSet<>();
          int countryCount = 1 + random.nextInt(3);
          while (visited.size() < countryCount) {
            visited.add(COUNTRIES[random.nextInt(COUNTRIES.length)]);
          }
          if (!findings.isEmpty()) {
            row(findingRows, id, findings, departure);
          }
          for (String country : visited) {
            row(countries, id, country, departure);
          }
          for (int e = 0; e < TRAIL_ENTRIES_PER_TRIP; e++) {
            lastId++;
            String actor = e == 0 ? applicant : e == TRAIL_ENTRIES_PER_TRIP - 1 ? null : "li.na";
            Instant at = Instant.ofEpochMilli(submitted.toEpochMilli() + e * 86_400_000L);
            String details = "{\"bulk\":" + n + ",\"step\":" + e + "}";
            AuditTrail.Entry entry = new AuditTrail.Entry(id, EVENTS[e], actor, at, details);
            String hash = SEAL.mac(lastHash, lastId, entry);
            row(trail, lastId, id, EVENTS[e], actor, at, details, lastHash, hash);
            lastHash = hash;
          }
        }
        copy(
            copy,
            "trip_registry (process_instance_id, applicant, unit, status, purpose, departure_date, return_date,"
                + " actual_departure_date, actual_return_date, approval_number, delegation_size, total_budget, planned,"
                + " blocking_findings, findings, report_status, last_decision, submitted_at, ended_at, updated_at,"
                + " approved_at, rejection_reason)",
            registry);
        copy(
            copy,
            "trip_member (process_instance_id, member_index, name, post, member_rank)",
            members);
        copy(copy, "trip_country (process_instance_id, country, departure_date)", countries);
        copy(copy, "trip_finding (process_instance_id, rule, departure_date)", findingRows);
        copy(
            copy,
            "audit_trail (id, process_instance_id, event, actor, occurred_at, details, previous_hash, hash)",
            trail);
      }
      try (var update =
          connection.prepareStatement(
              "UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1")) {
        update.setLong(1, lastId);
        update.setString(2, lastHash);
        update.executeUpdate();
      }
      // the rows bypass the application: the statistics' year summary is counted from them, as
      // the migration that made it counts a registry (the benchmark's node runs in this zone)
      YearSummary.on(new JdbcTemplate(new SingleConnectionDataSource(connection, true)), ZONE)
          .rebuild();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    connection.setAutoCommit(true); // VACUUM runs outside a transaction
    try (Statement analyse = connection.createStatement()) {
      for (String table :
          List.of(
              "trip_registry",
              "trip_member",
              "trip_country",
              "trip_finding",
              "audit_trail",
              "trip_year_summary",
              "trip_year_country",
              "trip_year_approval",
              "trip_year_rejection")) {
        analyse.execute("VACUUM (ANALYZE) " + table);
      }
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void copy(CopyManager copy, String table, StringBuilder rows) throws SQLException {
    try {
      copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(rows.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line of COPY's text format. */
  private static void row(StringBuilder out, Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      Object value = values[i];
      out.append(
          value == null
              ? "\\N"
              : value
                  .toString()
                  .replace("\\", "\\\\")
                  .replace("\t", "\\t")
                  .replace("\n", "\\n")
                  .replace("\r", "\\r"));
    }
    out.append('\n');
  }
}
