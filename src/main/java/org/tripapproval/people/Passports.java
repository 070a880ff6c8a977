package org.tripapproval.people;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.trip.TripRequest.Member;

/**
 * The passports of the directory's people and their custody (护照集中管理, ADR 0021): which passports a
 * person holds, which are out for a trip, and which are late. Releasing and taking back are the
 * office's steps (approval/PassportCustody); this is their record.
 */
@Service
public class Passports {

  /** Letters and digits as printed on the data page. */
  static final String NUMBER = "[A-Z0-9]{5,20}";

  public record Passport(String number, String personId, PassportKind kind, LocalDate expiry) {}

  public record Custody(
      String trip,
      String personId,
      String passportNumber,
      Instant releasedAt,
      String releasedBy,
      String receivedBy,
      LocalDate dueBack,
      Instant returnedAt,
      String returnedBy) {}

  private final JdbcTemplate jdbc;
  private final Directory directory;
  private final Clock clock;

  Passports(JdbcTemplate jdbc, Directory directory, Clock clock) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.clock = clock;
  }

  /**
   * Registers a passport of a person of the directory, or corrects the kind and expiry of one
   * registered to them. Every bad value is refused by name, and nothing is stored.
   */
  @Transactional
  public Passport register(
      String givenNumber, String personId, String kind, String expiry, String registeredBy) {
    String number = givenNumber == null ? "" : givenNumber.strip().toUpperCase(Locale.ROOT);
    if (!number.matches(NUMBER)) {
      throw new InvalidParameterException(
          "number", "须为5到20位字母或数字 / must be 5 to 20 letters and digits");
    }
    if (personId == null || directory.find(personId).filter(Person::active).isEmpty()) {
      throw new InvalidParameterException(
          "personId", "人员名录中没有此人 / is not a person of the personnel directory");
    }
    PassportKind passportKind =
        Arrays.stream(PassportKind.values())
            .filter(k -> k.code().equals(kind))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        "kind",
                        "须为护照种类之一 / must be one of "
                            + Arrays.stream(PassportKind.values())
                                .map(PassportKind::code)
                                .toList()));
    LocalDate expires;
    try {
      expires = LocalDate.parse(expiry == null ? "" : expiry);
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException("expiry", "须为日期 YYYY-MM-DD / must be a date YYYY-MM-DD");
    }
    Optional<Passport> known = find(number);
    if (known.isPresent() && !known.get().personId().equals(personId)) {
      throw new InvalidParameterException(
          "number", "此护照已登记在他人名下 / is registered to another person");
    }
    Timestamp now = Timestamp.from(clock.instant());
    if (known.isPresent()) {
      jdbc.update(
          "UPDATE passport SET kind = ?, expiry = ?, registered_at = ?, registered_by = ?"
              + " WHERE passport_number = ?",
          passportKind.code(),
          Date.valueOf(expires),
          now,
          registeredBy,
          number);
    } else {
      jdbc.update(
          "INSERT INTO passport (passport_number, person_id, kind, expiry, registered_at,"
              + " registered_by) VALUES (?, ?, ?, ?, ?, ?)",
          number,
          personId,
          passportKind.code(),
          Date.valueOf(expires),
          now,
          registeredBy);
    }
    return new Passport(number, personId, passportKind, expires);
  }

  public Optional<Passport> find(String number) {
    return jdbc
        .query(
            "SELECT passport_number, person_id, kind, expiry FROM passport WHERE passport_number = ?",
            Passports::passport,
            number)
        .stream()
        .findFirst();
  }

  public List<Passport> of(String personId) {
    return jdbc.query(
        "SELECT passport_number, person_id, kind, expiry FROM passport WHERE person_id = ?"
            + " ORDER BY expiry DESC, passport_number",
        Passports::passport,
        personId);
  }

  /**
   * The names of the members with a passport out past its day: the overdue rule keeps them from a
   * new trip until it is back. Members without a directory id have no passports in custody.
   */
  public List<String> notBack(List<Member> members, LocalDate today, String exceptTrip) {
    Map<String, String> names = directoryMembers(members);
    if (names.isEmpty()) {
      return List.of();
    }
    Set<String> late = new TreeSet<>();
    jdbc.query(
        "SELECT DISTINCT person_id FROM passport_custody WHERE returned_at IS NULL AND due_back < ?"
            + " AND process_instance_id <> ? AND person_id IN ("
            + placeholders(names.size())
            + ")",
        row -> {
          late.add(row.getString(1));
        },
        arguments(List.of(Date.valueOf(today), exceptTrip == null ? "" : exceptTrip), names));
    return names.entrySet().stream()
        .filter(e -> late.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .toList();
  }

  /**
   * The names of the members of the directory who have passports registered, none of which is valid
   * on {@code validUntil}: they renew before they travel. Members with no passport registered are
   * not judged here: the office registers them when it releases one.
   */
  public List<String> expiringBefore(List<Member> members, LocalDate validUntil) {
    Map<String, String> names = directoryMembers(members);
    if (names.isEmpty()) {
      return List.of();
    }
    Map<String, LocalDate> latest = new HashMap<>();
    jdbc.query(
        "SELECT person_id, MAX(expiry) FROM passport WHERE person_id IN ("
            + placeholders(names.size())
            + ") GROUP BY person_id",
        row -> {
          latest.put(row.getString(1), row.getDate(2).toLocalDate());
        },
        names.keySet().toArray());
    return names.entrySet().stream()
        .filter(e -> latest.containsKey(e.getKey()) && latest.get(e.getKey()).isBefore(validUntil))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** Records that the passport went out for the trip, to whom and until when. */
  public void released(
      String trip,
      String personId,
      String passportNumber,
      String receivedBy,
      LocalDate dueBack,
      String releasedBy) {
    jdbc.update(
        "INSERT INTO passport_custody (process_instance_id, person_id, passport_number, released_at,"
            + " released_by, received_by, due_back) VALUES (?, ?, ?, ?, ?, ?, ?)",
        trip,
        personId,
        passportNumber,
        Timestamp.from(clock.instant()),
        releasedBy,
        receivedBy,
        Date.valueOf(dueBack));
  }

  /** Records that the passport is back in the office's safe; false if it was not out. */
  public boolean returned(String trip, String personId, String returnedBy) {
    return jdbc.update(
            "UPDATE passport_custody SET returned_at = ?, returned_by = ?"
                + " WHERE process_instance_id = ? AND person_id = ? AND returned_at IS NULL",
            Timestamp.from(clock.instant()),
            returnedBy,
            trip,
            personId)
        == 1;
  }

  /**
   * The trip's passports still out and due back on another day are now due back on {@code dueBack};
   * answers those it moved.
   */
  public List<Custody> dueMoved(String trip, LocalDate dueBack) {
    List<String> moving =
        jdbc.queryForList(
            "SELECT person_id FROM passport_custody WHERE process_instance_id = ? AND returned_at"
                + " IS NULL AND due_back <> ?",
            String.class,
            trip,
            Date.valueOf(dueBack));
    jdbc.update(
        "UPDATE passport_custody SET due_back = ? WHERE process_instance_id = ? AND returned_at IS"
            + " NULL",
        Date.valueOf(dueBack),
        trip);
    return moving.stream().map(person -> custody(trip, person).orElseThrow()).toList();
  }

  public Optional<Custody> custody(String trip, String personId) {
    return jdbc
        .query(
            "SELECT * FROM passport_custody WHERE process_instance_id = ? AND person_id = ?",
            Passports::custody,
            trip,
            personId)
        .stream()
        .findFirst();
  }

  /**
   * When the trip's passports were all back in custody: the day the last came back, or {@code
   * today} while one is still out; empty where the office held none of them.
   */
  public Optional<LocalDate> lastBack(String trip, LocalDate today, ZoneId zone) {
    List<Custody> held =
        jdbc.query(
            "SELECT * FROM passport_custody WHERE process_instance_id = ?",
            Passports::custody,
            trip);
    if (held.isEmpty()) {
      return Optional.empty();
    }
    if (held.stream().anyMatch(c -> c.returnedAt() == null)) {
      return Optional.of(today);
    }
    return held.stream()
        .map(c -> LocalDate.ofInstant(c.returnedAt(), zone))
        .max(LocalDate::compareTo);
  }

  /** The passports out now, the earliest due first. */
  public List<Custody> out() {
    return jdbc.query(
        "SELECT * FROM passport_custody WHERE returned_at IS NULL ORDER BY due_back, person_id",
        Passports::custody);
  }

  /** Members with a directory id (not papers), by id, in the delegation's order. */
  private static Map<String, String> directoryMembers(List<Member> members) {
    Map<String, String> names = new LinkedHashMap<>();
    for (Member member : members) {
      if (member.hasDirectoryId()) {
        names.put(member.personId(), member.name());
      }
    }
    return names;
  }

  private static Object[] arguments(List<Object> first, Map<String, String> ids) {
    List<Object> all = new ArrayList<>(first);
    all.addAll(ids.keySet());
    return all.toArray();
  }

  private static String placeholders(int count) {
    return String.join(",", Collections.nCopies(count, "?"));
  }

  private static Passport passport(ResultSet row, int i) throws SQLException {
    return new Passport(
        row.getString("passport_number"),
        row.getString("person_id"),
        PassportKind.valueOf(row.getString("kind")),
        row.getDate("expiry").toLocalDate());
  }

  private static Custody custody(ResultSet row, int i) throws SQLException {
    Timestamp returned = row.getTimestamp("returned_at");
    return new Custody(
        row.getString("process_instance_id"),
        row.getString("person_id"),
        row.getString("passport_number"),
        row.getTimestamp("released_at").toInstant(),
        row.getString("released_by"),
        row.getString("received_by"),
        row.getDate("due_back").toLocalDate(),
        returned == null ? null : returned.toInstant(),
        row.getString("returned_by"));
  }
}
