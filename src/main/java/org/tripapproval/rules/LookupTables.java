package org.tripapproval.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The tables that only look a value up (the region of a country, the frequency of a rank): each is
 * evaluated once per deployed version and input. Their FEEL cells are parsed at every evaluation,
 * and the region table's long lists of country codes cost as much as the whole rule check
 * (benchmark profile, docs/performance.md). A redeployed table has a new id, so its rows apply at
 * once.
 */
@Component
class LookupTables {

  private static final int MAX_CACHED = 10_000;

  private final DecisionService decisions;
  private final RepositoryService repository;
  private final Map<List<Object>, Optional<Map<String, Object>>> results =
      new ConcurrentHashMap<>();

  LookupTables(DecisionService decisions, RepositoryService repository) {
    this.decisions = decisions;
    this.repository = repository;
  }

  /** The outputs of the first row that matches, or empty when none does. */
  Optional<Map<String, Object>> first(String decisionKey, Map<String, Object> inputs) {
    DecisionDefinition latest =
        repository
            .createDecisionDefinitionQuery()
            .decisionDefinitionKey(decisionKey)
            .latestVersion()
            .withoutTenantId()
            .singleResult();
    if (latest == null) {
      throw new IllegalStateException("no decision " + decisionKey + " is deployed");
    }
    if (results.size() > MAX_CACHED) {
      results.clear();
    }
    return results.computeIfAbsent(
        List.of(latest.getId(), Map.copyOf(inputs)),
        key ->
            Optional.ofNullable(
                    decisions.evaluateDecisionTableById(latest.getId(), inputs).getFirstResult())
                .map(DmnDecisionRuleResult::getEntryMap));
  }
}
