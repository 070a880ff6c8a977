package org.tripapproval.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The tables that only look a value up (the region of a country, the frequency of a rank, the
 * generic words of a purpose): each is evaluated once per deployed version and input, as the region
 * table's long lists of country codes cost as much as the whole rule check (benchmark profile,
 * docs/performance.md). A redeployed table has a new id, so its rows apply as soon as {@link
 * LatestTables} knows it.
 */
@Component
class LookupTables {

  private static final int MAX_CACHED = 10_000;

  private final DecisionService decisions;
  private final LatestTables latest;
  private final Map<List<Object>, List<Map<String, Object>>> results = new ConcurrentHashMap<>();

  LookupTables(DecisionService decisions, LatestTables latest) {
    this.decisions = decisions;
    this.latest = latest;
  }

  /** The outputs of the first row that matches, or empty when none does. */
  Optional<Map<String, Object>> first(String decisionKey, Map<String, Object> inputs) {
    return all(decisionKey, inputs).stream().findFirst();
  }

  /** The outputs of every row that matches, in the table's order. */
  List<Map<String, Object>> all(String decisionKey, Map<String, Object> inputs) {
    DecisionDefinition newest = latest.of(decisionKey);
    if (newest == null) {
      throw new IllegalStateException("no decision " + decisionKey + " is deployed");
    }
    if (results.size() > MAX_CACHED) {
      results.clear();
    }
    return results.computeIfAbsent(
        List.of(newest.getId(), Map.copyOf(inputs)),
        key ->
            decisions.evaluateDecisionTableById(newest.getId(), inputs).getResultList().stream()
                // an empty output cell is a null, which Map.copyOf would refuse
                .map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row)))
                .toList());
  }
}
