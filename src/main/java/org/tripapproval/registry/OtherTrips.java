package org.tripapproval.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.TripRequest;

/**
 * The other trips of a delegation's members, as the registry holds them, read in one query ({@link
 * TripRegistry#otherTripsOf}); the rules' questions about them are answered here.
 */
public final class OtherTrips {

  /** One other trip of a member. */
  record Trip(
      String processInstanceId,
      boolean countsAsTrip,
      ReportStatus reportStatus,
      LocalDate departure,
      LocalDate returnDate,
      boolean passportInCustody) {}

  private final List<TripRequest.Member> members;
  private final Map<String, List<Trip>> byMember;

  OtherTrips(List<TripRequest.Member> members, Map<String, List<Trip>> byMember) {
    this.members = members;
    this.byMember = byMember;
  }

  /**
   * The members of another trip whose report is overdue: they may not travel again until it is
   * filed (audit rule "overdue"). Their names, in the delegation's order.
   */
  public List<String> withOverdueReports() {
    return members.stream()
        .filter(member -> of(member).anyMatch(trip -> trip.reportStatus() == ReportStatus.OVERDUE))
        .map(TripRequest.Member::name)
        .distinct()
        .toList();
  }

  /**
   * For each member whose report of an earlier trip is still to come (so their passport is not
   * known to be back) and whose passport for it the office did not hold in custody, the approved
   * return day of the earliest such trip, by their name.
   */
  public Map<String, LocalDate> returnedWithoutReport() {
    Map<String, LocalDate> returned = new TreeMap<>();
    for (TripRequest.Member member : members) {
      of(member)
          .filter(
              trip ->
                  trip.reportStatus() != null
                      && trip.reportStatus().isOutstanding()
                      && trip.returnDate() != null
                      && !trip.passportInCustody())
          .map(Trip::returnDate)
          .min(LocalDate::compareTo)
          .ifPresent(day -> returned.put(member.name(), day));
    }
    return returned;
  }

  /**
   * How many other trips, in progress or done, this member is a member of with a departure strictly
   * between the dates.
   */
  public int tripsOf(TripRequest.Member member, LocalDate after, LocalDate before) {
    return (int)
        of(member)
            .filter(
                trip ->
                    trip.countsAsTrip()
                        && trip.departure() != null
                        && trip.departure().isAfter(after)
                        && trip.departure().isBefore(before))
            .map(Trip::processInstanceId)
            .distinct()
            .count();
  }

  /** The member's other trips. */
  private Stream<Trip> of(TripRequest.Member member) {
    return byMember
        .getOrDefault(TripRegistry.key(member.personId(), member.name()), List.of())
        .stream();
  }
}
