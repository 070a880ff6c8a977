package org.tripapproval.people;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.tripapproval.csv.CsvUpload;
import org.tripapproval.trip.TripRequest.Rank;

/**
 * A unit's people as administrators load them ({@link #COLUMNS}): every line checked, every wrong
 * one named, and nothing kept of a file with one.
 */
final class DirectoryCsv {

  static final List<String> COLUMNS =
      List.of("person_id", "name", "post", "rank", "principal_leader", "user_id");

  /** An employee number: no colon, which outside people's ids ({@code PASSPORT:…}) hold. */
  static final String PERSON_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  private static final Set<String> YES = Set.of("是", "yes", "true", "1");
  private static final Set<String> NO = Set.of("否", "no", "false", "0", "");

  private DirectoryCsv() {}

  /** The people of {@code unit} in the file; {@code knownUser} says whether a user id exists. */
  static List<Person> parse(String csv, String unit, Predicate<String> knownUser) {
    Set<String> ids = new HashSet<>();
    Set<String> users = new HashSet<>();
    List<Person> people =
        CsvUpload.read(
            csv,
            COLUMNS,
            line -> {
              String id = line.get("person_id");
              String name = line.get("name");
              String post = line.get("post");
              String user = line.get("user_id");
              if (!id.matches(PERSON_ID)) {
                line.problem(
                    "person_id",
                    "须为工号:字母、数字、点、横线,不超过64字 / must be an employee number: letters,"
                        + " digits, dots and dashes, at most 64");
              } else if (!ids.add(id)) {
                line.problem("person_id", "重复 / " + id + " appears twice");
              }
              if (name.isEmpty() || name.length() > 100) {
                line.problem("name", "必填,不超过100字 / is required, at most 100 characters");
              }
              if (post.isEmpty() || post.length() > 200) {
                line.problem("post", "必填,不超过200字 / is required, at most 200 characters");
              }
              Rank rank = rank(line.get("rank"));
              if (rank == null) {
                line.problem(
                    "rank",
                    "须为职级之一 / must be one of "
                        + List.of(Rank.values()).stream().map(Rank::label).toList());
              }
              String principal = line.get("principal_leader").strip().toLowerCase(Locale.ROOT);
              if (!YES.contains(principal) && !NO.contains(principal)) {
                line.problem("principal_leader", "须为 是 或 否 / must be yes or no");
              }
              if (!user.isEmpty() && !knownUser.test(user)) {
                line.problem("user_id", "没有此用户 / " + user + " is not a user");
              } else if (!user.isEmpty() && !users.add(user)) {
                line.problem("user_id", "重复 / " + user + " appears twice");
              }
              return new Person(
                  id,
                  name,
                  unit,
                  post,
                  rank,
                  YES.contains(principal),
                  user.isEmpty() ? null : user,
                  true);
            });
    if (people.isEmpty()) {
      throw new CsvUpload.InvalidCsvException(List.of("line 2: 名录为空 / the file names nobody"));
    }
    return people;
  }

  /** A rank by its code ({@code division}) or its Chinese word (处级). */
  private static Rank rank(String given) {
    String word = given.strip();
    for (Rank rank : Rank.values()) {
      if (rank.code().equalsIgnoreCase(word) || rank.zh().equals(word)) {
        return rank;
      }
    }
    return null;
  }
}
