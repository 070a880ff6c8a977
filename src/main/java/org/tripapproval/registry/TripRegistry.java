package org.tripapproval.registry;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.Labels;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.TripReport;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripStatus;

/**
 * The trip registry (read model): one row per trip, its members and its countries, updated from the
 * engine's history events in the engine's transaction.
 */
@Repository
public class TripRegistry {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final YearSummary summary;

  TripRegistry(JdbcTemplate jdbc, Clock clock, YearSummary summary) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.summary = summary;
  }

  int countWithStatus(TripStatus status) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM trip_registry WHERE status = ?", Integer.class, status.name());
  }

  int countWithReportStatus(ReportStatus status) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM trip_registry WHERE report_status = ?", Integer.class, status.name());
  }

  void submitted(String processInstanceId, String applicant, Instant at) {
    counted(
        processInstanceId,
        () ->
            update(
                processInstanceId,
                "applicant = COALESCE(?, applicant), submitted_at = ?",
                applicant,
                Timestamp.from(at)));
  }

  /**
   * Takes only a complete request: the history sees a submission before the intake refuses it, and
   * the intake writes the accepted request again, which lands here.
   */
  void request(String processInstanceId, TripRequest trip) {
    if (trip.departureDate() == null
        || trip.returnDate() == null
        || trip.members() == null
        || trip.members().contains(null)
        || trip.itinerary() == null
        || trip.itinerary().contains(null)
        || trip.budget() == null
        || trip.budget().stream().anyMatch(item -> item == null || item.amount() == null)) {
      return;
    }
    counted(processInstanceId, () -> store(processInstanceId, trip));
  }

  private void store(String processInstanceId, TripRequest trip) {
    update(
        processInstanceId,
        "unit = ?, purpose = ?, departure_date = ?, return_date = ?, delegation_size = ?,"
            + " total_budget = ?, planned = ?",
        trip.unit(),
        trip.purpose(),
        Date.valueOf(trip.departureDate()),
        Date.valueOf(trip.returnDate()),
        trip.members().size(),
        trip.totalBudget(),
        trip.isPlanned());
    jdbc.update("DELETE FROM trip_member WHERE process_instance_id = ?", processInstanceId);
    List<Object[]> members = new ArrayList<>();
    for (int i = 0; i < trip.members().size(); i++) {
      TripRequest.Member member = trip.members().get(i);
      members.add(
          new Object[] {
            processInstanceId,
            i,
            member.name(),
            member.post(),
            member.rank() == null ? null : member.rank().name(),
            member.personId()
          });
    }
    jdbc.batchUpdate(
        "INSERT INTO trip_member (process_instance_id, member_index, name, post, member_rank,"
            + " person_id) VALUES (?, ?, ?, ?, ?, ?)",
        members);
    jdbc.update(
        "UPDATE trip_finding SET departure_date = ? WHERE process_instance_id = ?",
        Date.valueOf(trip.departureDate()),
        processInstanceId);
    jdbc.update("DELETE FROM trip_country WHERE process_instance_id = ?", processInstanceId);
    jdbc.batchUpdate(
        "INSERT INTO trip_country (process_instance_id, country, departure_date) VALUES (?, ?, ?)",
        trip.countries().stream()
            .map(
                country ->
                    new Object[] {processInstanceId, country, Date.valueOf(trip.departureDate())})
            .toList());
  }

  void report(String processInstanceId, TripReport report) {
    if (report.actualDepartureDate() == null || report.actualReturnDate() == null) {
      return; // refused by the report intake; a complete one follows
    }
    update(
        processInstanceId,
        "actual_departure_date = ?, actual_return_date = ?",
        Date.valueOf(report.actualDepartureDate()),
        Date.valueOf(report.actualReturnDate()));
  }

  void findings(String processInstanceId, int blocking, String rules) {
    update(
        processInstanceId, "blocking_findings = ?, findings = ?", blocking, truncate(rules, 4000));
    jdbc.update("DELETE FROM trip_finding WHERE process_instance_id = ?", processInstanceId);
    jdbc.batchUpdate(
        "INSERT INTO trip_finding (process_instance_id, rule, departure_date)"
            + " SELECT process_instance_id, ?, departure_date FROM trip_registry WHERE process_instance_id = ?",
        Arrays.stream(rules.split(","))
            .filter(rule -> !rule.isBlank())
            .distinct()
            .map(rule -> new Object[] {truncate(rule, 40), processInstanceId})
            .toList());
  }

  void requestNumber(String processInstanceId, String requestNumber) {
    update(processInstanceId, "request_number = ?", requestNumber);
  }

  void approvalNumber(String processInstanceId, String approvalNumber) {
    counted(
        processInstanceId,
        () ->
            update(
                processInstanceId, "approval_number = ?, approved_at = ?", approvalNumber, now()));
  }

  void lastDecision(String processInstanceId, String decision, String reason) {
    if (Decision.REJECT.is(decision)) {
      counted(
          processInstanceId,
          () ->
              update(
                  processInstanceId,
                  "last_decision = ?, rejection_reason = ?",
                  decision,
                  truncate(reason, 2000)));
    } else {
      update(processInstanceId, "last_decision = ?", decision);
    }
  }

  void status(String processInstanceId, TripStatus status) {
    counted(processInstanceId, () -> update(processInstanceId, "status = ?", status.name()));
  }

  void reportStatus(String processInstanceId, ReportStatus reportStatus) {
    counted(
        processInstanceId,
        () -> update(processInstanceId, "report_status = ?", reportStatus.name()));
  }

  void ended(String processInstanceId, TripStatus status, Instant at) {
    counted(
        processInstanceId,
        () ->
            update(
                processInstanceId, "status = ?, ended_at = ?", status.name(), Timestamp.from(at)));
  }

  /**
   * A change to what the statistics count (unit, dates, size, plan, status, report status,
   * rejection reason, submission and approval, countries): the year summary moves with it.
   */
  private void counted(String processInstanceId, Runnable write) {
    summary.change(processInstanceId, write);
  }

  /**
   * One UPDATE in the common case; the row is created by the first event of a trip. Events of one
   * trip arrive in one engine transaction at a time, so creating it after a miss is safe.
   */
  private void update(String processInstanceId, String assignments, Object... values) {
    Object[] arguments = new Object[values.length + 2];
    System.arraycopy(values, 0, arguments, 0, values.length);
    arguments[values.length] = now();
    arguments[values.length + 1] = processInstanceId;
    String sql =
        "UPDATE trip_registry SET "
            + assignments
            + ", updated_at = ? WHERE process_instance_id = ?";
    if (jdbc.update(sql, arguments) == 0) {
      jdbc.update(
          "INSERT INTO trip_registry (process_instance_id, status, updated_at) VALUES (?, ?, ?)",
          processInstanceId,
          TripStatus.SUBMITTED.name(),
          now());
      jdbc.update(sql, arguments);
    }
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  /**
   * The other trips of these members, in progress or done or ended, with what the rules ask of them
   * (an overdue report, a return without a report, the trips within a rank's period): one query for
   * the whole delegation instead of one per member and per question (issue 19).
   */
  public OtherTrips otherTripsOf(List<TripRequest.Member> members, String exceptTrip) {
    if (members.isEmpty()) {
      return new OtherTrips(members, Map.of());
    }
    List<Object> arguments = new ArrayList<>();
    String sql =
        "SELECT m.person_id, m.name, r.process_instance_id, r.status, r.report_status,"
            + " r.departure_date, r.return_date,"
            // where the office's custody recorded the passport, that record decides (V18)
            + " EXISTS (SELECT 1 FROM passport_custody c"
            + " WHERE c.process_instance_id = r.process_instance_id AND c.person_id = m.person_id)"
            + " FROM trip_member m JOIN trip_registry r"
            + " ON r.process_instance_id = m.process_instance_id WHERE "
            + sameMembers(members, arguments)
            + " AND r.process_instance_id <> ?";
    arguments.add(exceptTrip == null ? "" : exceptTrip);
    Map<String, List<OtherTrips.Trip>> byMember = new HashMap<>();
    jdbc.query(
        sql,
        row -> {
          byMember
              .computeIfAbsent(key(row.getString(1), row.getString(2)), k -> new ArrayList<>())
              .add(
                  new OtherTrips.Trip(
                      row.getString(3),
                      countsAsTrip(row.getString(4)),
                      // a status this code does not know is no report the rules ask about
                      Labels.find(ReportStatus.class, row.getString(5)).orElse(null),
                      localDate(row.getDate(6)),
                      localDate(row.getDate(7)),
                      row.getBoolean(8)));
        },
        arguments.toArray());
    return new OtherTrips(members, byMember);
  }

  /**
   * Whether a stored status is a trip that counts, as {@link TripStatus#countsAsTripSql} says: one
   * this code does not know (written by a later version) counts; none does not.
   */
  private static boolean countsAsTrip(String status) {
    return status != null
        && Labels.find(TripStatus.class, status).map(TripStatus::countsAsTrip).orElse(true);
  }

  private static LocalDate localDate(Date date) {
    return date == null ? null : date.toLocalDate();
  }

  /**
   * The registry's members who are these members: the same person id; a member without one
   * (requests stored before the directory) is taken to be whoever has the same name and no id
   * either. Two people who share a name are never taken for each other once they have ids.
   */
  private static String sameMembers(List<TripRequest.Member> members, List<Object> arguments) {
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (TripRequest.Member member : members) {
      if (member.personId() != null) {
        ids.add(member.personId());
      } else {
        names.add(member.name());
      }
    }
    List<String> conditions = new ArrayList<>();
    if (!ids.isEmpty()) {
      conditions.add("m.person_id IN (" + placeholders(ids.size()) + ")");
      arguments.addAll(ids);
    }
    if (!names.isEmpty()) {
      conditions.add("(m.person_id IS NULL AND m.name IN (" + placeholders(names.size()) + "))");
      arguments.addAll(names);
    }
    return "(" + String.join(" OR ", conditions) + ")";
  }

  static String key(String personId, String name) {
    return personId == null ? "name:" + name : "id:" + personId;
  }

  private static String placeholders(int count) {
    return String.join(",", Collections.nCopies(count, "?"));
  }

  /** An approved trip as the passport office needs it: its number, return day and status. */
  public record ApprovedTrip(String approvalNumber, LocalDate returnDate, TripStatus status) {}

  /** The trip, if it has its approval number. */
  public Optional<ApprovedTrip> approved(String processInstanceId) {
    return jdbc
        .query(
            "SELECT approval_number, return_date, status FROM trip_registry"
                + " WHERE process_instance_id = ? AND approval_number IS NOT NULL",
            (row, i) ->
                new ApprovedTrip(
                    row.getString(1),
                    row.getDate(2).toLocalDate(),
                    TripStatus.fromStored(row.getString(3))),
            processInstanceId)
        .stream()
        .findFirst();
  }

  /** The trip that bears this approval number, if any. */
  public Optional<String> tripWithApprovalNumber(String approvalNumber) {
    return jdbc
        .queryForList(
            "SELECT process_instance_id FROM trip_registry WHERE approval_number = ?",
            String.class,
            approvalNumber)
        .stream()
        .findFirst();
  }

  /** A member as the registry holds them: their id (null before the directory) and name. */
  public record RegisteredMember(String personId, String name) {}

  public List<RegisteredMember> membersOf(String processInstanceId) {
    return jdbc.query(
        "SELECT person_id, name FROM trip_member WHERE process_instance_id = ? ORDER BY member_index",
        (row, i) -> new RegisteredMember(row.getString(1), row.getString(2)),
        processInstanceId);
  }

  /** Whether the person (by directory id or papers) is a member of the trip. */
  public boolean hasMember(String processInstanceId, String personId) {
    return jdbc.queryForObject(
            "SELECT count(*) FROM trip_member WHERE process_instance_id = ? AND person_id = ?",
            Integer.class,
            processInstanceId,
            personId)
        > 0;
  }

  /** A trip as its applicant sees it in My trips (我的出访). */
  public record OwnTrip(
      String processInstanceId,
      String requestNumber,
      String unit,
      TripStatus status,
      LocalDate departureDate,
      LocalDate returnDate,
      String approvalNumber,
      List<String> countries,
      Instant submittedAt) {}

  /** The applicant's own trips, the latest submitted first, at most {@code limit}. */
  public List<OwnTrip> tripsOfApplicant(String applicant, int limit) {
    List<OwnTrip> trips =
        jdbc.query(
            "SELECT process_instance_id, request_number, unit, status, departure_date, return_date,"
                + " approval_number, submitted_at FROM trip_registry WHERE applicant = ?"
                + " ORDER BY submitted_at DESC, process_instance_id FETCH FIRST "
                + limit
                + " ROWS ONLY",
            (row, i) ->
                new OwnTrip(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    TripStatus.fromStored(row.getString(4)),
                    toLocalDate(row.getDate(5)),
                    toLocalDate(row.getDate(6)),
                    row.getString(7),
                    List.of(),
                    row.getTimestamp(8) == null ? null : row.getTimestamp(8).toInstant()),
            applicant);
    if (trips.isEmpty()) {
      return trips;
    }
    Map<String, List<String>> countries = new TreeMap<>();
    String placeholders = String.join(",", Collections.nCopies(trips.size(), "?"));
    jdbc.query(
        "SELECT process_instance_id, country FROM trip_country WHERE process_instance_id IN ("
            + placeholders
            + ") ORDER BY country",
        row -> {
          countries
              .computeIfAbsent(row.getString(1), id -> new ArrayList<>())
              .add(row.getString(2));
        },
        trips.stream().map(OwnTrip::processInstanceId).toArray());
    return trips.stream()
        .map(
            trip ->
                new OwnTrip(
                    trip.processInstanceId(),
                    trip.requestNumber(),
                    trip.unit(),
                    trip.status(),
                    trip.departureDate(),
                    trip.returnDate(),
                    trip.approvalNumber(),
                    List.copyOf(countries.getOrDefault(trip.processInstanceId(), List.of())),
                    trip.submittedAt()))
        .toList();
  }

  /**
   * The trips of a unit in one of the given statuses (the disclosure board's), the earliest
   * departure first.
   */
  public List<String> tripsOfUnitIn(String unit, Collection<TripStatus> statuses, int limit) {
    if (statuses.isEmpty()) {
      return List.of();
    }
    String placeholders = String.join(",", Collections.nCopies(statuses.size(), "?"));
    List<Object> arguments = new ArrayList<>();
    arguments.add(unit);
    statuses.forEach(status -> arguments.add(status.name()));
    return jdbc.queryForList(
        "SELECT process_instance_id FROM trip_registry WHERE unit = ? AND status IN ("
            + placeholders
            + ") ORDER BY departure_date, process_instance_id FETCH FIRST "
            + limit
            + " ROWS ONLY",
        String.class,
        arguments.toArray());
  }

  private static LocalDate toLocalDate(Date date) {
    return date == null ? null : date.toLocalDate();
  }
}
