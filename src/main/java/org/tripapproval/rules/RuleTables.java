package org.tripapproval.rules;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Evaluates a rule table at its latest deployed version and says which version that was. The
 * version is looked up first and that very definition evaluated (by id), so a table deployed in
 * between cannot make a finding name a version that did not produce it.
 */
@Component
class RuleTables {

  /** The rows that matched, and the table (key and version) they came from. */
  record Evaluated(String key, int version, List<Map<String, Object>> rows) {

    List<RuleFinding> findings() {
      return rows.stream().map(row -> RuleFinding.of(row, this)).toList();
    }
  }

  private final DecisionService decisions;
  private final LatestTables latest;

  RuleTables(DecisionService decisions, LatestTables latest) {
    this.decisions = decisions;
    this.latest = latest;
  }

  Evaluated evaluate(String decisionKey, Map<String, Object> facts) {
    DecisionDefinition newest = latest.of(decisionKey);
    if (newest == null) {
      throw new IllegalStateException("no decision " + decisionKey + " is deployed");
    }
    return new Evaluated(
        newest.getKey(),
        newest.getVersion(),
        decisions.evaluateDecisionTableById(newest.getId(), facts).getResultList());
  }
}
