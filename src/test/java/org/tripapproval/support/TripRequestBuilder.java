package org.tripapproval.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.BudgetItem;
import org.tripapproval.trip.TripRequest.Invitation;
import org.tripapproval.trip.TripRequest.ItineraryDay;
import org.tripapproval.trip.TripRequest.Member;
import org.tripapproval.trip.TripRequest.Rank;
import org.tripapproval.trip.TripRequest.Transit;

/** A valid, planned, four-day trip to Japan a month from now, unless told otherwise. */
public final class TripRequestBuilder {

  private String purpose = "与日本经济产业省商谈2027年度双边贸易投资合作备忘录的具体条款";
  private List<Member> members =
      new ArrayList<>(
          List.of(new Member("张伟", "商务厅副处长", Rank.division), new Member("王小明", "翻译", Rank.staff)));
  private LocalDate departure = LocalDate.now().plusDays(30);
  private int days = 4;
  private List<String> countries = List.of("JP");
  private List<String> tasks = List.of("商谈合作备忘录条款", "考察两家拟合作企业的生产线");
  private List<BudgetItem> budget =
      List.of(
          new BudgetItem("住宿费 lodging", new BigDecimal("12000"), "部门预算 unit budget"),
          new BudgetItem(
              "国际旅费 flights",
              new BigDecimal("18000"),
              "部门预算 unit budget",
              TripRequest.BudgetCategory.travel));
  private String planReference = "2027-商务-03";
  private String unplannedReason;
  private String unit;
  private Invitation invitation;
  // set only where a test needs dates or days that do not follow from the departure and length
  private boolean returnDateGiven;
  private LocalDate returnDate;
  private List<ItineraryDay> itinerary;
  private List<Transit> transits = List.of();

  public static TripRequestBuilder aTrip() {
    return new TripRequestBuilder();
  }

  public TripRequestBuilder purpose(String purpose) {
    this.purpose = purpose;
    return this;
  }

  public TripRequestBuilder members(int count) {
    members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      members.add(new Member("团员" + (i + 1), "干部", Rank.section));
    }
    return this;
  }

  public TripRequestBuilder members(List<Member> members) {
    this.members = new ArrayList<>(members);
    return this;
  }

  public TripRequestBuilder seniorOfficial() {
    members.set(
        0, new Member("赵厅长", "商务厅厅长", Rank.bureau)); // one bureau-level trip per test context
    return this;
  }

  public TripRequestBuilder departingOn(LocalDate departure) {
    this.departure = departure;
    return this;
  }

  public TripRequestBuilder days(int days) {
    this.days = days;
    return this;
  }

  public TripRequestBuilder countries(String... countries) {
    this.countries = List.of(countries);
    return this;
  }

  public TripRequestBuilder budget(BigDecimal amount) {
    this.budget = List.of(new BudgetItem("住宿费 lodging", amount, "部门预算 unit budget"));
    return this;
  }

  /** These items as given; a null item too, as a client may send one. */
  public TripRequestBuilder budget(BudgetItem... items) {
    this.budget = Collections.unmodifiableList(Arrays.asList(items));
    return this;
  }

  /** A return date of its own, e.g. before the departure or none at all. */
  public TripRequestBuilder returningOn(LocalDate returnDate) {
    this.returnDateGiven = true;
    this.returnDate = returnDate;
    return this;
  }

  /** These days instead of one a day from the departure. */
  public TripRequestBuilder itinerary(List<ItineraryDay> days) {
    this.itinerary = List.copyOf(days);
    return this;
  }

  public TripRequestBuilder transits(Transit... stops) {
    this.transits = List.of(stops);
    return this;
  }

  /** Planned under this reference of the unit's annual plan. */
  public TripRequestBuilder planned(String reference) {
    this.planReference = reference;
    this.unplannedReason = null;
    return this;
  }

  public TripRequestBuilder unplanned(String reason) {
    this.planReference = null;
    this.unplannedReason = reason;
    return this;
  }

  /** The inviting body; by default the METI in the first destination. */
  public TripRequestBuilder invitedBy(String organisation, String country) {
    this.invitation = Invitation.declared(organisation, country);
    return this;
  }

  /** The invitation as given, e.g. without the applicant's declaration. */
  public TripRequestBuilder invitation(Invitation invitation) {
    this.invitation = invitation;
    return this;
  }

  public TripRequestBuilder unit(String unit) {
    this.unit = unit;
    return this;
  }

  public TripRequest build() {
    LocalDate returning = returnDateGiven ? returnDate : departure.plusDays(days - 1L);
    return new TripRequest(
        unit,
        purpose,
        members,
        departure,
        returning,
        itinerary(),
        tasks,
        invitation != null ? invitation : Invitation.declared("日本经济产业省 METI", countries.get(0)),
        budget,
        planReference,
        unplannedReason,
        transits);
  }

  private List<ItineraryDay> itinerary() {
    if (itinerary != null) {
      return itinerary;
    }
    List<ItineraryDay> generated = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      String country = countries.get(Math.min(i * countries.size() / days, countries.size() - 1));
      generated.add(
          new ItineraryDay(
              departure.plusDays(i),
              country,
              "City " + (i + 1),
              "与对口单位会谈 meeting the counterpart",
              "对口单位 Counterpart " + (i + 1)));
    }
    return generated;
  }
}
