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
   * Why the user, who goes by {@code names} ({@link #namesOf}), may not review the trip of this
   * applicant: {@link #APPLICANT}, {@link #MEMBER}, or null.
   */
  static String conflictOf(String user, Set<String> names, String applicant, TripRequest trip) {
    if (user.equals(applicant)) {
      return APPLICANT;
    }
    if (trip == null || trip.members() == null) {
      return null;
    }
    // the id where one is given, and always the name: an id the applicant typed is not checked
    // against the directory, so it must not hide a member whose name is the reviewer's
    for (TripRequest.Member member : trip.members()) {
      if (member != null
          && (user.equals(member.userId()) || names.contains(normalized(member.name())))) {
        return MEMBER;
      }
    }
    return null;
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
