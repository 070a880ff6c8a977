package org.tripapproval.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which version of each rule table is the newest, read for all tables in one query and kept for
 * {@code trips.rules.newest-tables} (2 seconds by default), instead of a query per table and per
 * lookup: a rule check looks up a dozen times. A deployment made or removed on this node forgets it
 * at once ({@link LatestTablesPlugin}); one made on another node applies here within that time.
 */
@Component
class LatestTables {

  private record Snapshot(Map<String, DecisionDefinition> byKey, Instant until) {}

  private final Duration lifetime;
  private final Clock clock;
  private volatile Snapshot snapshot;

  LatestTables(@Value("${trips.rules.newest-tables:2s}") Duration lifetime, Clock clock) {
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** The newest deployed version of the table, or null when none is deployed. */
  DecisionDefinition of(String key, RepositoryService repository) {
    Snapshot known = snapshot;
    Instant now = clock.instant();
    if (known == null || !now.isBefore(known.until()) || !known.byKey().containsKey(key)) {
      known =
          new Snapshot(
              repository
                  .createDecisionDefinitionQuery()
                  .latestVersion()
                  .withoutTenantId()
                  .unlimitedList()
                  .stream()
                  .collect(Collectors.toMap(DecisionDefinition::getKey, Function.identity())),
              now.plus(lifetime));
      snapshot = known;
    }
    return known.byKey().get(key);
  }

  void forget() {
    snapshot = null;
  }
}
