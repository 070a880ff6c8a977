package org.tripapproval.trip;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A request for an official trip abroad, as the applicant submits it. The process keeps it as the
 * JSON variable {@code trip}; at history level FULL every revision of it stays for the auditors.
 * Messages are keys into ValidationMessages*.properties (Simplified Chinese and English).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TripRequest(
    @Size(max = 64) String unit,
    @NotBlank(message = "{trip.purpose.required}") @Size(max = 2000) String purpose,
    @NotEmpty(message = "{trip.members.required}") @Size(max = 50) List<@Valid @NotNull(message = "{trip.entry.required}") Member> members,
    @NotNull(message = "{trip.departureDate.required}") LocalDate departureDate,
    @NotNull(message = "{trip.returnDate.required}") LocalDate returnDate,
    @NotEmpty(message = "{trip.itinerary.required}") @Size(max = 60) List<@Valid @NotNull(message = "{trip.entry.required}") ItineraryDay> itinerary,
    @NotEmpty(message = "{trip.tasks.required}") @Size(max = 30) List<@NotBlank(message = "{trip.tasks.blank}") @Size(max = 1000) String> tasks,
    @Valid @NotNull(message = "{trip.invitation.required}") Invitation invitation,
    @NotEmpty(message = "{trip.budget.required}") @Size(max = 50) List<@Valid @NotNull(message = "{trip.entry.required}") BudgetItem> budget,
    @Size(max = 64) String planReference,
    @Size(max = 2000) String unplannedReason,
    @Size(max = 20) List<@Valid @NotNull(message = "{trip.entry.required}") Transit> transits) {

  /** A request without transit stops (the field came later; older requests have none). */
  public TripRequest(
      String unit,
      String purpose,
      List<Member> members,
      LocalDate departureDate,
      LocalDate returnDate,
      List<ItineraryDay> itinerary,
      List<String> tasks,
      Invitation invitation,
      List<BudgetItem> budget,
      String planReference,
      String unplannedReason) {
    this(
        unit,
        purpose,
        members,
        departureDate,
        returnDate,
        itinerary,
        tasks,
        invitation,
        budget,
        planReference,
        unplannedReason,
        List.of());
  }

  /** Ranks from the lowest; routing and frequency rules read them. Stored by their names. */
  public enum Rank implements Labelled {
    staff("科员", "Staff"),
    section("科级", "Section level"),
    division("处级", "Division level"),
    bureau("厅局级", "Bureau level"),
    provincial("省部级", "Provincial level");

    private final Words words;

    Rank(String zh, String en) {
      this.words = new Words(name(), zh, en);
    }

    @Override
    public Words words() {
      return words;
    }
  }

  /**
   * A traveller. {@code principalLeader}: the member is a principal leader (主要负责人) of the unit, as
   * the applicant declares it (no personnel directory yet); null in requests stored before it.
   * {@code userId} is the member's user where they have one: four eyes goes by it, as a name can be
   * typed or changed; members without it are matched by name. {@code personId} is the member's id
   * in the personnel directory (their employee number, or for people from outside it an id type and
   * number): the rules and the registry go by it; null in requests stored before the directory.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Member(
      @NotBlank(message = "{trip.member.name.required}") @Size(max = 100) String name,
      @NotBlank(message = "{trip.member.post.required}") @Size(max = 200) String post,
      @NotNull(message = "{trip.member.rank.required}") Rank rank,
      @Size(max = 64) @Pattern(
              regexp = "[a-zA-Z0-9][a-zA-Z0-9._-]*",
              message = "{trip.member.userId.malformed}")
          String userId,
      Boolean principalLeader,
      @Size(max = 64) @Pattern(
              regexp = "[a-zA-Z0-9][a-zA-Z0-9._:-]*",
              message = "{trip.member.personId.malformed}")
          String personId) {

    /** A member not identified in the personnel directory (requests stored before it). */
    public Member(String name, String post, Rank rank, String userId, Boolean principalLeader) {
      this(name, post, rank, userId, principalLeader, null);
    }

    /** A member not marked as a principal leader of the unit (requests stored before the flag). */
    public Member(String name, String post, Rank rank, String userId) {
      this(name, post, rank, userId, null, null);
    }

    /** A member without a user of their own (or whose user the form does not know yet). */
    public Member(String name, String post, Rank rank) {
      this(name, post, rank, null, null, null);
    }

    /**
     * Whether the member is a person of the personnel directory (an employee number), not someone
     * identified by papers ({@link IdType}) nor a member stored before the directory.
     */
    @JsonIgnore
    public boolean hasDirectoryId() {
      return personId != null && personId.indexOf(IdType.SEPARATOR) < 0;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ItineraryDay(
      @NotNull(message = "{trip.day.date.required}") LocalDate date,
      @NotBlank(message = "{trip.day.country.required}") @Size(max = 2) String country,
      @NotBlank(message = "{trip.day.city.required}") @Size(max = 100) String city,
      @NotBlank(message = "{trip.day.activity.required}") @Size(max = 1000) String activity,
      @Size(max = 200) String counterpart) {}

  /**
   * A stop on the way: counted as a country when the travellers leave the airport (入境), not when
   * they stay airside.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Transit(
      @NotBlank(message = "{trip.transit.country.required}") @Size(max = 2) String country,
      boolean leavesAirport) {}

  /**
   * The inviting body, and the applicant's declaration about how the trip came about (RULES.md
   * "invitation"): {@code noIntermediary}, not arranged or bought through an intermediary or agency
   * (中介机构); {@code notPaidByCompanyOrOverseasChinese}, not paid for by a commercial organisation or
   * an overseas Chinese organisation (企业、华人华侨社团). Both must be made on submission; null in requests
   * stored before the declaration.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Invitation(
      @NotBlank(message = "{trip.invitation.organisation.required}") @Size(max = 200) String organisation,
      @NotBlank(message = "{trip.invitation.country.required}") @Size(max = 2) String country,
      @NotNull(message = "{trip.invitation.noIntermediary.required}") @AssertTrue(message = "{trip.invitation.noIntermediary.required}") Boolean noIntermediary,
      @NotNull(message = "{trip.invitation.notPaidByCompanyOrOverseasChinese.required}") @AssertTrue(message = "{trip.invitation.notPaidByCompanyOrOverseasChinese.required}") Boolean notPaidByCompanyOrOverseasChinese) {

    /** An invitation with the applicant's declaration made. */
    public static Invitation declared(String organisation, String country) {
      return new Invitation(organisation, country, true, true);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BudgetItem(
      @NotBlank(message = "{trip.budget.item.required}") @Size(max = 100) String item,
      @NotNull(message = "{trip.budget.amount.required}") @Positive(message = "{trip.budget.amount.positive}") @DecimalMax(value = "100000000", message = "{trip.budget.amount.max}") BigDecimal amount,
      @NotBlank(message = "{trip.budget.fundingSource.required}") @Size(max = 200) String fundingSource,
      BudgetCategory category) {

    /** An item with no category (requests before categories came; compared with no standard). */
    public BudgetItem(String item, BigDecimal amount, String fundingSource) {
      this(item, amount, fundingSource, null);
    }
  }

  /**
   * What a budget item pays for; lodging, meals and incidentals are compared with the per-diem
   * standards.
   */
  public enum BudgetCategory implements Labelled {
    lodging("住宿费", "Lodging"),
    meals("伙食费", "Meals"),
    incidentals("公杂费", "Incidentals"),
    travel("国际旅费", "International travel"),
    other("其他费用", "Other");

    private final Words words;

    BudgetCategory(String zh, String en) {
      this.words = new Words(name(), zh, en);
    }

    @Override
    public Words words() {
      return words;
    }
  }

  @JsonIgnore
  @AssertTrue(message = "{trip.returnDate.beforeDeparture}") public boolean isReturnNotBeforeDeparture() {
    return departureDate == null || returnDate == null || !returnDate.isBefore(departureDate);
  }

  @JsonIgnore
  @AssertTrue(message = "{trip.plan.required}") public boolean isPlannedOrExplained() {
    return isPlanned() || (unplannedReason != null && !unplannedReason.isBlank());
  }

  public TripRequest withMembers(List<Member> newMembers) {
    return new TripRequest(
        unit,
        purpose,
        newMembers,
        departureDate,
        returnDate,
        itinerary,
        tasks,
        invitation,
        budget,
        planReference,
        unplannedReason,
        transits);
  }

  public TripRequest withUnit(String newUnit) {
    return new TripRequest(
        newUnit,
        purpose,
        members,
        departureDate,
        returnDate,
        itinerary,
        tasks,
        invitation,
        budget,
        planReference,
        unplannedReason,
        transits);
  }

  @JsonIgnore
  public boolean isPlanned() {
    return planReference != null && !planReference.isBlank();
  }

  @JsonIgnore
  public Rank highestRank() {
    return members.stream().map(Member::rank).max(Enum::compareTo).orElse(Rank.staff);
  }

  @JsonIgnore
  public BigDecimal totalBudget() {
    return budget.stream().map(BudgetItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @JsonIgnore
  public Set<String> countries() {
    Set<String> countries = new LinkedHashSet<>();
    itinerary.forEach(day -> countries.add(day.country()));
    return countries;
  }

  /**
   * The countries and regions the rules count: the destinations and every transit stop where the
   * travellers leave the airport; airside transits are not counted.
   */
  @JsonIgnore
  public Set<String> countriesCounted() {
    Set<String> counted = new LinkedHashSet<>(countries());
    transitStops().stream()
        .filter(Transit::leavesAirport)
        .forEach(stop -> counted.add(stop.country()));
    return counted;
  }

  @JsonIgnore
  public List<Transit> transitStops() {
    return transits == null ? List.of() : transits;
  }

  /** Days abroad, from leaving to re-entering China, both days included. */
  @JsonIgnore
  public long daysAbroad() {
    return departureDate.datesUntil(returnDate.plusDays(1)).count();
  }
}
