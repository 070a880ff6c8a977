package org.tripapproval.approval;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.tripapproval.trip.TripRequest;

/**
 * Four eyes (回避) as a rule: nobody reviews a trip they applied for or travel on. A member is
 * matched by the user id the request gives, and by name against the names the reviewer goes by.
 */
final class FourEyesRule {

  static final String APPLICANT = "applicant";
  static final String MEMBER = "member";

  private FourEyesRule() {}

  /**
   * As {@link #conflictOf(String, String, Set, String, TripRequest)}, for a user not in the
   * directory.
   */
  static String conflictOf(String user, Set<String> names, String applicant, TripRequest trip) {
    return conflictOf(user, null, names, applicant, trip);
  }

  /**
   * Why the user, who is {@code personId} in the personnel directory (or null) and goes by {@code
   * names} ({@link #namesOf}), may not review the trip of this applicant: {@link #APPLICANT},
   * {@link #MEMBER}, or null.
   */
  static String conflictOf(
      String user, String personId, Set<String> names, String applicant, TripRequest trip) {
    if (user.equals(applicant)) {
      return APPLICANT;
    }
    if (trip == null || trip.members() == null) {
      return null;
    }
    for (TripRequest.Member member : trip.members()) {
      if (member != null && isReviewer(member, user, personId, names)) {
        return MEMBER;
      }
    }
    return null;
  }

  /**
   * The member is the reviewer by user id or directory id. The name decides only where the ids
   * cannot: two people of the directory are told apart by their ids, as namesakes are common; a
   * member from outside it (identified by papers) or without an id, or a reviewer the directory
   * does not know, is compared by name too, so that an id cannot hide a member who is the reviewer.
   */
  private static boolean isReviewer(
      TripRequest.Member member, String user, String personId, Set<String> names) {
    if (user.equals(member.userId()) || (personId != null && personId.equals(member.personId()))) {
      return true;
    }
    boolean bothInDirectory = personId != null && member.hasDirectoryId();
    return !bothInDirectory && names.contains(normalized(member.name()));
  }

  /** The names a user with these first and last names goes by, as {@link #conflictOf} compares. */
  static Set<String> namesOf(String first, String last) {
    String given = first == null ? "" : first;
    String family = last == null ? "" : last;
    Set<String> names = new HashSet<>();
    for (String name : new String[] {given, family + given, given + family}) {
      if (!normalized(name).isEmpty()) {
        names.add(normalized(name));
      }
    }
    return names;
  }

  private static String normalized(String name) {
    return name == null ? "" : name.replaceAll("[\\s·.]", "").toLowerCase(Locale.ROOT);
  }
}
