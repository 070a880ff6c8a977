package org.tripapproval.audit;

import java.io.IOException;
import java.io.Writer;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.tripapproval.identity.Names;
import org.tripapproval.trip.Countries;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.Labelled;
import org.tripapproval.trip.Labels;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.RuleName;
import org.tripapproval.trip.TripStatus;

/** Searches the registry for the auditors: a page as JSON, or every matching row as CSV. */
@Service
class TripSearch {

  record TripRow(
      String processInstanceId,
      String requestNumber,
      String applicant,
      String unit,
      String status,
      String departureDate,
      String returnDate,
      String actualDepartureDate,
      String actualReturnDate,
      String approvalNumber,
      Integer delegationSize,
      Boolean planned,
      String reportStatus,
      int blockingFindings,
      String findings,
      String lastDecision,
      List<String> members,
      List<String> countries,
      String applicantName,
      String unitName,
      List<String> countryNames) {}

  /**
   * A page of trips; {@code total} is exact up to {@value #MAX_COUNTED}, beyond which {@code
   * totalExact} is false.
   */
  record Page(int page, int size, long total, boolean totalExact, List<TripRow> trips) {}

  /**
   * Counting every match of a broad search grows with the registry; beyond this many, a search says
   * "more than".
   */
  static final int MAX_COUNTED = 1_000;

  private static final String COLUMNS =
      "r.process_instance_id, r.request_number, r.applicant, r.unit, r.status, r.departure_date,"
          + " r.return_date, r.actual_departure_date, r.actual_return_date, r.approval_number, r.delegation_size,"
          + " r.planned, r.report_status, r.blocking_findings, r.findings, r.last_decision";
  private static final int EXPORT_BATCH = 1000;

  private final NamedParameterJdbcTemplate jdbc;
  private final Names names;

  TripSearch(NamedParameterJdbcTemplate jdbc, Names names) {
    this.jdbc = jdbc;
    this.names = names;
  }

  Page search(TripFilter filter) {
    MapSqlParameterSource parameters = new MapSqlParameterSource();
    Query query = query(filter, parameters);
    parameters.addValue("counted", MAX_COUNTED + 1);
    Long counted =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM (SELECT 1 AS found"
                + query.counted()
                + " FETCH FIRST :counted ROWS ONLY) matches",
            parameters,
            Long.class);
    long total = counted == null ? 0 : counted;
    parameters
        .addValue("offset", (long) filter.page() * filter.size())
        .addValue("size", filter.size());
    List<TripRow> rows =
        rows(
            "SELECT "
                + COLUMNS
                + query.listed()
                + " OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY",
            parameters,
            false);
    return new Page(
        filter.page(), filter.size(), Math.min(total, MAX_COUNTED), total <= MAX_COUNTED, rows);
  }

  Optional<TripRow> byId(String processInstanceId) {
    return rows(
            "SELECT " + COLUMNS + " FROM trip_registry r WHERE r.process_instance_id = :id",
            new MapSqlParameterSource("id", processInstanceId),
            true)
        .stream()
        .findFirst();
  }

  /** Every matching row, in batches by key: memory stays the same whatever the number of rows. */
  void exportCsv(TripFilter filter, Writer out) throws IOException {
    out.write('\uFEFF'); // spreadsheet programs then read the Chinese text as UTF-8
    out.write(
        Csv.line(
            "申请编号 Request number",
            "申请人 Applicant",
            "单位 Unit",
            "状态 Status",
            "出发 Departure",
            "回国 Return",
            "实际出发 Actual departure",
            "实际回国 Actual return",
            "批件号 Approval number",
            "人数 Delegation size",
            "计划内 Planned",
            "报告 Report",
            "须纠正问题 Blocking findings",
            "审查 Findings",
            "最后决定 Last decision",
            "团员 Members",
            "国家或地区 Countries",
            // the codes, for machines
            "process_instance_id",
            "applicant_id",
            "unit_code",
            "status_code",
            "report_status_code",
            "finding_codes",
            "last_decision_code",
            "country_codes"));
    String after = "";
    while (true) {
      MapSqlParameterSource parameters = new MapSqlParameterSource();
      Query query = query(filter, parameters);
      parameters.addValue("after", after).addValue("batch", EXPORT_BATCH);
      List<TripRow> batch =
          rows(
              "SELECT "
                  + COLUMNS
                  + query.from()
                  + query.where()
                  + " AND r.process_instance_id > :after"
                  + " ORDER BY r.process_instance_id FETCH FIRST :batch ROWS ONLY",
              parameters,
              true);
      for (TripRow row : batch) {
        out.write(
            Csv.line(
                row.requestNumber(),
                row.applicantName(),
                row.unitName(),
                label(TripStatus.class, row.status()),
                row.departureDate(),
                row.returnDate(),
                row.actualDepartureDate(),
                row.actualReturnDate(),
                row.approvalNumber(),
                text(row.delegationSize()),
                row.planned() == null ? null : row.planned() ? "是 Yes" : "否 No",
                label(ReportStatus.class, row.reportStatus()),
                text(row.blockingFindings()),
                findingWords(row.findings()),
                label(Decision.class, row.lastDecision()),
                String.join(";", row.members()),
                String.join(";", row.countryNames()),
                row.processInstanceId(),
                row.applicant(),
                row.unit(),
                row.status(),
                row.reportStatus(),
                row.findings(),
                row.lastDecision(),
                String.join(";", row.countries())));
      }
      out.flush();
      if (batch.size() < EXPORT_BATCH) {
        return;
      }
      after = batch.get(batch.size() - 1).processInstanceId();
    }
  }

  /**
   * The rows of this query with their members, countries and names.
   *
   * @param inKeyOrder the query returns its rows ordered by {@code process_instance_id}: the
   *     members and countries are then read as the key range from its first row to its last. With a
   *     list of a thousand ids alone, PostgreSQL chose to read the whole member table at 100,000
   *     trips (65 ms per batch of the export, against 2 ms for the range).
   */
  private List<TripRow> rows(String sql, MapSqlParameterSource parameters, boolean inKeyOrder) {
    List<Map<String, Object>> found = jdbc.queryForList(sql, parameters);
    if (found.isEmpty()) {
      return List.of();
    }
    List<String> ids = found.stream().map(row -> (String) row.get("process_instance_id")).toList();
    MapSqlParameterSource trips = new MapSqlParameterSource("ids", ids);
    String range = "";
    if (inKeyOrder) {
      range = " AND process_instance_id BETWEEN :first AND :last";
      trips.addValue("first", ids.get(0)).addValue("last", ids.get(ids.size() - 1));
    }
    Map<String, List<String>> members =
        listed(
            "SELECT process_instance_id, name AS entry FROM trip_member"
                + " WHERE process_instance_id IN (:ids)"
                + range
                + " ORDER BY process_instance_id, member_index",
            trips);
    Map<String, List<String>> countries =
        listed(
            "SELECT process_instance_id, country AS entry FROM trip_country"
                + " WHERE process_instance_id IN (:ids)"
                + range
                + " ORDER BY process_instance_id, country",
            trips);
    Map<String, String> people =
        names.people(found.stream().map(row -> (String) row.get("applicant")).toList());
    Map<String, String> units =
        names.units(found.stream().map(row -> (String) row.get("unit")).toList());
    List<TripRow> rows = new ArrayList<>();
    for (Map<String, Object> row : found) {
      String id = (String) row.get("process_instance_id");
      String applicant = (String) row.get("applicant");
      String unit = (String) row.get("unit");
      rows.add(
          new TripRow(
              id,
              (String) row.get("request_number"),
              (String) row.get("applicant"),
              (String) row.get("unit"),
              (String) row.get("status"),
              text(row.get("departure_date")),
              text(row.get("return_date")),
              text(row.get("actual_departure_date")),
              text(row.get("actual_return_date")),
              (String) row.get("approval_number"),
              row.get("delegation_size") == null
                  ? null
                  : ((Number) row.get("delegation_size")).intValue(),
              (Boolean) row.get("planned"),
              (String) row.get("report_status"),
              ((Number) row.get("blocking_findings")).intValue(),
              (String) row.get("findings"),
              (String) row.get("last_decision"),
              members.getOrDefault(id, List.of()),
              countries.getOrDefault(id, List.of()),
              applicant == null ? null : people.get(applicant),
              unit == null ? null : units.get(unit),
              countries.getOrDefault(id, List.of()).stream().map(Countries::name).toList()));
    }
    return rows;
  }

  private Map<String, List<String>> listed(String sql, MapSqlParameterSource trips) {
    Map<String, List<String>> byTrip = new LinkedHashMap<>();
    jdbc.query(
        sql,
        trips,
        rs -> {
          byTrip
              .computeIfAbsent(rs.getString("process_instance_id"), id -> new ArrayList<>())
              .add(rs.getString("entry"));
        });
    return byTrip;
  }

  /**
   * A search's SQL: what it reads from, its conditions, and the listing's order (the latest
   * departures first). A search by a country reads that country's trips ({@code trip_country c}),
   * one by a finding that finding's trips ({@code trip_finding f}), in the listing's order from
   * their indexes (V20), and looks up the registry rows of its page only; each carries its trip's
   * departure date. Counting needs the registry only when a condition is on it: every trip's
   * country and finding rows belong to a registry row (written with it, never deleted alone).
   */
  private record Query(Read read, String where, boolean onRegistry) {

    /** The table a search reads its trips from, under its alias in the SQL. */
    enum Read {
      REGISTRY("trip_registry", "r"),
      COUNTRY("trip_country", "c"),
      FINDING("trip_finding", "f");

      final String table;
      final String alias;

      Read(String table, String alias) {
        this.table = table;
        this.alias = alias;
      }
    }

    String from() {
      return read == Read.REGISTRY
          ? " FROM trip_registry r"
          : " FROM "
              + read.table
              + " "
              + read.alias
              + " JOIN trip_registry r"
              + " ON r.process_instance_id = "
              + read.alias
              + ".process_instance_id";
    }

    String listed() {
      return from()
          + where
          + " ORDER BY "
          + read.alias
          + ".departure_date DESC NULLS LAST, "
          + read.alias
          + ".process_instance_id";
    }

    String counted() {
      return (onRegistry ? from() : " FROM " + read.table + " " + read.alias) + where;
    }
  }

  /** Filter values are bound as parameters, never written into the SQL. */
  private static Query query(TripFilter filter, MapSqlParameterSource parameters) {
    Query.Read read =
        filter.country() != null
            ? Query.Read.COUNTRY
            : filter.finding() != null ? Query.Read.FINDING : Query.Read.REGISTRY;
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    boolean onRegistry = false;
    if (filter.country() != null) {
      where.append(" AND c.country = :country");
      parameters.addValue("country", filter.country());
    }
    if (filter.finding() != null) {
      where.append(
          read == Query.Read.FINDING
              ? " AND f.rule = :finding"
              : " AND EXISTS (SELECT 1 FROM trip_finding f WHERE"
                  + " f.process_instance_id = c.process_instance_id AND f.rule = :finding)");
      parameters.addValue("finding", filter.finding());
    }
    if (filter.from() != null) {
      where.append(" AND ").append(read.alias).append(".departure_date >= :from");
      parameters.addValue("from", Date.valueOf(filter.from()));
    }
    if (filter.to() != null) {
      where.append(" AND ").append(read.alias).append(".departure_date <= :to");
      parameters.addValue("to", Date.valueOf(filter.to()));
    }
    if (filter.requestNumber() != null) {
      where.append(" AND r.request_number = :requestNumber");
      parameters.addValue("requestNumber", filter.requestNumber());
      onRegistry = true;
    }
    if (filter.unit() != null) {
      where.append(" AND r.unit = :unit");
      parameters.addValue("unit", filter.unit());
      onRegistry = true;
    }
    if (filter.applicant() != null) {
      where.append(" AND r.applicant = :applicant");
      parameters.addValue("applicant", filter.applicant());
      onRegistry = true;
    }
    if (filter.member() != null) {
      where.append(
          " AND EXISTS (SELECT 1 FROM trip_member m WHERE m.process_instance_id = r.process_instance_id"
              + " AND m.name = :member)");
      parameters.addValue("member", filter.member());
      onRegistry = true;
    }
    if (filter.person() != null) {
      // one person among namesakes: their directory id or papers
      where.append(
          " AND EXISTS (SELECT 1 FROM trip_member m WHERE m.process_instance_id = r.process_instance_id"
              + " AND m.person_id = :person)");
      parameters.addValue("person", filter.person());
      onRegistry = true;
    }
    if (filter.status() != null) {
      where.append(" AND r.status = :status");
      parameters.addValue("status", filter.status());
      onRegistry = true;
    }
    if (filter.overdueReport() != null) {
      where.append(
          filter.overdueReport()
              ? " AND r.report_status = :overdue"
              : " AND r.report_status <> :overdue");
      parameters.addValue("overdue", ReportStatus.OVERDUE.name());
      onRegistry = true;
    }
    return new Query(read, where.toString(), onRegistry);
  }

  /** The rules of a row's findings ({@code budget,size}) in words, each once. */
  private static String findingWords(String findings) {
    if (findings == null || findings.isBlank()) {
      return null;
    }
    return Arrays.stream(findings.split(","))
        .map(String::strip)
        .distinct()
        .map(rule -> label(RuleName.class, rule))
        .collect(Collectors.joining(";"));
  }

  /** What people read in a spreadsheet; the code columns stay for the machines. */
  private static <T extends Enum<T> & Labelled> String label(Class<T> vocabulary, String code) {
    return Labels.find(vocabulary, code).map(Labelled::label).orElse(code);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
