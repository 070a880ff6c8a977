package org.tripapproval.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tripapproval.csv.CsvUpload;
import org.tripapproval.trip.IdType;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.Member;
import org.tripapproval.trip.TripRequest.Rank;

/**
 * The personnel directory (人员名录, ADR 0020): who a member of a delegation is, by a stable id, so
 * that the rules, the registry and four eyes never confuse two people who share a name. Loaded one
 * unit at a time from CSV and kept in step with the identity service: a person's user must exist,
 * and the user's name is set to the directory's.
 */
@Service
public class Directory {

  /** The most people one search answers: a form lists them to pick one. */
  static final int SEARCH_LIMIT = 20;

  private static final String COLUMNS =
      "person_id, name, unit, post, person_rank, principal_leader, user_id, active";

  private final JdbcTemplate jdbc;
  private final IdentityService identity;
  private final Clock clock;

  Directory(JdbcTemplate jdbc, IdentityService identity, Clock clock) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.clock = clock;
  }

  /**
   * Replaces the unit's people with those of the file: new ones are added, known ones updated (a
   * person moved from another unit moves here), and the unit's people missing from the file are
   * kept as inactive, since earlier trips name them. Returns how many the file holds.
   */
  @Transactional
  public int load(String unit, String csv, String loadedBy) {
    List<Person> people = DirectoryCsv.parse(csv, unit, this::userExists);
    refuseUsersOfOthers(unit, people);
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("UPDATE person SET active = FALSE, user_id = NULL WHERE unit = ?", unit);
    for (Person person : people) {
      Object[] values = {
        person.name(),
        unit,
        person.post(),
        person.rank().code(),
        person.principalLeader(),
        person.userId(),
        now,
        loadedBy,
        person.id()
      };
      int updated =
          jdbc.update(
              "UPDATE person SET name = ?, unit = ?, post = ?, person_rank = ?,"
                  + " principal_leader = ?, user_id = ?, active = TRUE, loaded_at = ?,"
                  + " loaded_by = ? WHERE person_id = ?",
              values);
      if (updated == 0) {
        jdbc.update(
            "INSERT INTO person (name, unit, post, person_rank, principal_leader, user_id, active,"
                + " loaded_at, loaded_by, person_id) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?)",
            values);
      }
      if (person.userId() != null) {
        nameUser(person);
      }
    }
    return people.size();
  }

  /**
   * A user id belongs to one person: one held by someone of another unit is refused (within the
   * unit, the file decides; people who leave it leave their users).
   */
  private void refuseUsersOfOthers(String unit, List<Person> people) {
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      Person person = people.get(i);
      if (person.userId() == null) {
        continue;
      }
      List<String> others =
          jdbc.queryForList(
              "SELECT person_id FROM person WHERE user_id = ? AND person_id <> ? AND unit <> ?",
              String.class,
              person.userId(),
              person.id(),
              unit);
      if (!others.isEmpty()) {
        errors.add(
            "line "
                + (i + 2)
                + ": user_id: 已属于 "
                + others.get(0)
                + " / "
                + person.userId()
                + " is already the user of "
                + others.get(0));
      }
    }
    if (!errors.isEmpty()) {
      throw new CsvUpload.InvalidCsvException(errors);
    }
  }

  /**
   * Tasklist and every page show the user by the directory's name. Where users come from LDAP (read
   * only), LDAP's name stands.
   */
  private void nameUser(Person person) {
    if (identity.isReadOnly()) {
      return;
    }
    User user = identity.createUserQuery().userId(person.userId()).singleResult();
    if (user != null && !person.name().equals(user.getFirstName())) {
      user.setFirstName(person.name());
      identity.saveUser(user);
    }
  }

  private boolean userExists(String userId) {
    return identity.createUserQuery().userId(userId).count() > 0;
  }

  public Optional<Person> find(String personId) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM person WHERE person_id = ?", Directory::person, personId)
        .stream()
        .findFirst();
  }

  /** The person whose user this is, if the directory knows one. */
  public Optional<Person> ofUser(String userId) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM person WHERE user_id = ?", Directory::person, userId)
        .stream()
        .findFirst();
  }

  /** The unit's people, active ones, by name. */
  public List<Person> ofUnit(String unit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM person WHERE unit = ? AND active = TRUE ORDER BY name, person_id",
        Directory::person,
        unit);
  }

  /**
   * Active people whose name holds {@code text} or whose id starts with it, in one unit or all, at
   * most {@link #SEARCH_LIMIT}.
   */
  public List<Person> search(String text, String unit) {
    String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    List<Object> arguments = new ArrayList<>(List.of("%" + escaped + "%", escaped + "%"));
    String inUnit = "";
    if (unit != null) {
      inUnit = " AND unit = ?";
      arguments.add(unit);
    }
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM person WHERE active = TRUE AND (name LIKE ? ESCAPE '\\' OR person_id LIKE ?"
            + " ESCAPE '\\')"
            + inUnit
            + " ORDER BY name, person_id FETCH FIRST "
            + SEARCH_LIMIT
            + " ROWS ONLY",
        Directory::person,
        arguments.toArray());
  }

  /**
   * The request's members as the directory knows them: a member with a directory id takes the
   * directory's name, post, rank, principal-leader flag and user, whatever was typed; one from
   * outside it must carry a valid id type and number. Problems are added as the intake reports them
   * ({@code members[1].personId: …}).
   */
  public TripRequest identified(TripRequest trip, List<String> problems) {
    List<String> ids =
        trip.members().stream()
            .filter(Member::hasDirectoryId)
            .map(Member::personId)
            .distinct()
            .toList();
    Map<String, Person> known = byId(ids);
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < trip.members().size(); i++) {
      Member member = trip.members().get(i);
      String id = member.personId();
      String field = "members[" + i + "].personId: ";
      if (id == null) {
        members.add(member);
      } else if (id.indexOf(IdType.SEPARATOR) >= 0) {
        Optional<IdType> type = IdType.of(id);
        if (type.isEmpty() || !type.get().numbers(id)) {
          problems.add(
              field
                  + "证件类型或号码不正确(如 PASSPORT:E12345678)/ the id type or number is wrong"
                  + " (e.g. PASSPORT:E12345678)");
        }
        members.add(member);
      } else if (!known.containsKey(id) || !known.get(id).active()) {
        problems.add(
            field
                + "人员名录中没有此人 / "
                + id
                + " is not in the personnel directory (choose the person from the list)");
        members.add(member);
      } else {
        Person person = known.get(id);
        members.add(
            new Member(
                person.name(),
                person.post(),
                person.rank(),
                person.userId(),
                person.principalLeader(),
                person.id()));
      }
    }
    long distinct =
        members.stream().map(Member::personId).filter(id -> id != null).distinct().count();
    if (distinct < members.stream().filter(m -> m.personId() != null).count()) {
      problems.add("members: 同一人出现两次 / the same person is named twice");
    }
    return trip.withMembers(members);
  }

  private Map<String, Person> byId(List<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    String placeholders = String.join(",", ids.stream().map(id -> "?").toList());
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM person WHERE person_id IN (" + placeholders + ")",
            Directory::person,
            ids.toArray())
        .stream()
        .collect(Collectors.toMap(Person::id, Function.identity()));
  }

  private static Person person(ResultSet row, int i) throws SQLException {
    return new Person(
        row.getString("person_id"),
        row.getString("name"),
        row.getString("unit"),
        row.getString("post"),
        Rank.valueOf(row.getString("person_rank")),
        row.getBoolean("principal_leader"),
        row.getString("user_id"),
        row.getBoolean("active"));
  }
}
