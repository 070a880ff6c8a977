package org.tripapproval.approval;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.people.Directory;
import org.tripapproval.people.Passports;
import org.tripapproval.people.Person;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.registry.TripRegistry;
import org.tripapproval.rules.PassportLimits;
import org.tripapproval.trip.TripSettings;

/**
 * Passports in custody over HTTP (ADR 0021), for the foreign affairs office (the auditors read):
 * {@code PUT /api/passports/{number}} registers a passport of a person of the directory, {@code GET
 * /api/passports?person=} lists theirs, {@code GET /api/passports/out} the passports out now with
 * their due days, and {@code POST /api/passports/custody/{trip}/{person}/release} and {@code
 * …/return} are the two custody steps.
 */
@RestController
@RequestMapping("/api/passports")
class PassportApi {

  record Registration(String personId, String kind, String expiry) {}

  record Release(String passportNumber, String receivedBy) {}

  /**
   * A passport out, as the office reads it: whose, for which trip, until when, and whether late.
   */
  record Out(
      String trip,
      String approvalNumber,
      String personId,
      String name,
      String passportNumber,
      String receivedBy,
      LocalDate dueBack,
      boolean late) {}

  private final Passports passports;
  private final PassportCustody custody;
  private final Directory directory;
  private final TripRegistry registry;
  private final Clock clock;
  private final TripSettings settings;
  private final PassportLimits limits;

  PassportApi(
      Passports passports,
      PassportCustody custody,
      Directory directory,
      TripRegistry registry,
      Clock clock,
      TripSettings settings,
      PassportLimits limits) {
    this.passports = passports;
    this.custody = custody;
    this.directory = directory;
    this.registry = registry;
    this.clock = clock;
    this.settings = settings;
    this.limits = limits;
  }

  @PutMapping("/{number}")
  Passports.Passport register(
      Principal caller, @PathVariable String number, @RequestBody Registration registration) {
    return passports.register(
        number,
        registration.personId(),
        registration.kind(),
        registration.expiry(),
        caller.getName());
  }

  @GetMapping
  List<Passports.Passport> of(@RequestParam(name = "person") String personId) {
    if (directory.find(personId).isEmpty()) {
      throw new InvalidParameterException("person", "人员名录中没有此人 / is not in the directory");
    }
    return passports.of(personId);
  }

  @GetMapping("/out")
  List<Out> out() {
    LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
    return passports.out().stream()
        .map(
            c ->
                new Out(
                    c.trip(),
                    registry
                        .approved(c.trip())
                        .map(TripRegistry.ApprovedTrip::approvalNumber)
                        .orElse(null),
                    c.personId(),
                    directory.find(c.personId()).map(Person::name).orElse(c.personId()),
                    c.passportNumber(),
                    c.receivedBy(),
                    c.dueBack(),
                    today.isAfter(c.dueBack())))
        .toList();
  }

  /** A member of an approved trip with their passports and where the one for this trip is. */
  record Traveller(
      String personId,
      String name,
      List<Passports.Passport> passports,
      Passports.Custody custody) {}

  record ApprovedTrip(
      String trip,
      String approvalNumber,
      LocalDate returnDate,
      LocalDate dueBack,
      List<Traveller> members) {}

  /** The trip the approval number names, as the office releases its passports. */
  @GetMapping("/trips")
  ApprovedTrip trip(@RequestParam(name = "approvalNumber") String approvalNumber) {
    String trip =
        registry
            .tripWithApprovalNumber(approvalNumber.strip())
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        "approvalNumber", "没有此批准文号的出访 / no trip has this approval number"));
    TripRegistry.ApprovedTrip approved = registry.approved(trip).orElseThrow();
    List<Traveller> members =
        registry.membersOf(trip).stream()
            .map(
                member ->
                    new Traveller(
                        member.personId(),
                        member.name(),
                        member.personId() == null ? List.of() : passports.of(member.personId()),
                        member.personId() == null
                            ? null
                            : passports.custody(trip, member.personId()).orElse(null)))
            .toList();
    return new ApprovedTrip(
        trip,
        approved.approvalNumber(),
        approved.returnDate(),
        approved.returnDate().plusDays(limits.dueBackDays()),
        members);
  }

  @PostMapping("/custody/{trip}/{person}/release")
  Passports.Custody release(
      Principal caller,
      @PathVariable String trip,
      @PathVariable String person,
      @RequestBody Release release) {
    return custody.release(
        trip, person, release.passportNumber(), release.receivedBy(), caller.getName());
  }

  @PostMapping("/custody/{trip}/{person}/return")
  Passports.Custody handedBack(
      Principal caller, @PathVariable String trip, @PathVariable String person) {
    return custody.returned(trip, person, caller.getName());
  }
}
