package org.tripapproval.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which version of each rule table is the newest, read for all tables once per engine command (the
 * step that checks a trip) instead of once per lookup: a rule check looks up a dozen times. Read
 * afresh by every command, so a table deployed through any node applies to the next check on every
 * node. Outside a command every call reads it.
 *
 * <p>Each reading is one plain query of the ids of the tables' deployed versions (Camunda's table
 * {@code ACT_RE_DECISION_DEF}, documented in its database schema; the application sets no table
 * prefix or schema for the engine). Only when those ids changed is Camunda's decision definition
 * query asked for the definitions: that query builds its SQL anew each time and took about 0.35 ms
 * of a warm check, the plain query about 0.1 ms (docs/performance.md).
 */
@Component
class LatestTables {

  private static final String DEPLOYED_VERSIONS =
      "SELECT KEY_, VERSION_, ID_ FROM ACT_RE_DECISION_DEF WHERE TENANT_ID_ IS NULL";

  /** The newest versions as read in each command still running, forgotten when it ends. */
  private final Map<CommandContext, Map<String, DecisionDefinition>> byCommand =
      new ConcurrentHashMap<>();

  private final RepositoryService repository;
  private final JdbcTemplate jdbc;

  /** The definitions last asked of Camunda, with their ids: valid while the newest are theirs. */
  private record Known(Map<String, String> ids, Map<String, DecisionDefinition> definitions) {}

  private volatile Known known = new Known(Map.of(), Map.of());

  private final AtomicInteger definitionQueries = new AtomicInteger();

  LatestTables(RepositoryService repository, JdbcTemplate jdbc) {
    this.repository = repository;
    this.jdbc = jdbc;
  }

  /** The newest deployed version of the table, or null when none is deployed. */
  DecisionDefinition of(String key) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return newest().get(key);
    }
    return byCommand
        .computeIfAbsent(
            command,
            running -> {
              running.registerCommandContextListener(new ForgetWhenDone());
              return newest();
            })
        .get(key);
  }

  /** How many commands' readings are kept (those still running). */
  int kept() {
    return byCommand.size();
  }

  /** How many times Camunda's decision definition query was asked, since the node started. */
  int definitionQueries() {
    return definitionQueries.get();
  }

  private Map<String, DecisionDefinition> newest() {
    Known last = known;
    if (newestIds().equals(last.ids())) {
      return last.definitions();
    }
    definitionQueries.incrementAndGet();
    Map<String, DecisionDefinition> definitions =
        repository
            .createDecisionDefinitionQuery()
            .latestVersion()
            .withoutTenantId()
            .unlimitedList()
            .stream()
            .collect(Collectors.toMap(DecisionDefinition::getKey, Function.identity()));
    known =
        new Known(
            definitions.values().stream()
                .collect(
                    Collectors.toMap(
                        DecisionDefinition::getKey,
                        definition -> Objects.toString(definition.getId()))),
            definitions);
    return definitions;
  }

  /** The id of each table's newest version, by its key. */
  private Map<String, String> newestIds() {
    Map<String, Integer> versions = new HashMap<>();
    Map<String, String> ids = new HashMap<>();
    jdbc.query(
        DEPLOYED_VERSIONS,
        row -> {
          String key = row.getString(1);
          int version = row.getInt(2);
          if (version > versions.getOrDefault(key, Integer.MIN_VALUE)) {
            versions.put(key, version);
            ids.put(key, row.getString(3));
          }
        });
    return ids;
  }

  private final class ForgetWhenDone implements CommandContextListener {
    @Override
    public void onCommandContextClose(CommandContext command) {
      byCommand.remove(command);
    }

    @Override
    public void onCommandFailed(CommandContext command, Throwable failure) {
      byCommand.remove(command);
    }
  }
}
