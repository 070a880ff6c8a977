package org.tripapproval.rules;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.identity.Units;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequestValidator;

/**
 * A draft request checked as it would be on submission, before it is submitted: the form's problems
 * (each naming its field) and, once there are none, the rule table's findings. Nothing is stored.
 * {@code POST /api/rules/check?invitationLetter=true} with the request as JSON; the start form
 * calls it.
 */
@RestController
@RequestMapping("/api/rules")
class DraftCheckApi {

  record DraftCheck(List<String> problems, List<RuleFinding> findings) {}

  private final TripRequestValidator requestCheck;
  private final TripRules rules;
  private final Units units;

  DraftCheckApi(TripRequestValidator requestCheck, TripRules rules, Units units) {
    this.requestCheck = requestCheck;
    this.rules = rules;
    this.units = units;
  }

  /** As the caller would submit it: their unit, as on submission. */
  @PostMapping("/check")
  DraftCheck check(
      Principal caller,
      @RequestBody TripRequest draft,
      @RequestParam(name = "invitationLetter", defaultValue = "false")
          boolean invitationLetterAttached) {
    List<String> problems = new ArrayList<>(requestCheck.problems(draft));
    String unit = units.unitOf(caller.getName(), draft.unit(), problems);
    return new DraftCheck(
        problems,
        problems.isEmpty()
            ? rules.check(draft.withUnit(unit), invitationLetterAttached, null)
            : List.of());
  }
}
