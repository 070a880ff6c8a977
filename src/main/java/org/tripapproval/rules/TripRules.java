package org.tripapproval.rules;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;
import org.tripapproval.trip.TripRequest;

/** Computes the facts that the rule table reads and returns its findings. */
@Service
public class TripRules {

  static final String RULE_CHECK_DECISION = "trip-rule-check";

  private final DecisionService decisionService;

  TripRules(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  public List<RuleFinding> check(TripRequest trip, boolean invitationLetterAttached) {
    Map<String, Object> facts = Map.of(
        "delegationSize", trip.members().size(),
        "countryCount", trip.countries().size(),
        "daysAbroad", (int) trip.daysAbroad(),
        "purposeLength", trip.purpose().strip().codePointCount(0, trip.purpose().strip().length()),
        "invitationLetterAttached", invitationLetterAttached);
    return decisionService.evaluateDecisionTableByKey(RULE_CHECK_DECISION, facts).getResultList().stream()
        .map(row -> new RuleFinding((String) row.get("rule"), (String) row.get("severity"),
            (String) row.get("message"), (String) row.get("regulation")))
        .toList();
  }
}
