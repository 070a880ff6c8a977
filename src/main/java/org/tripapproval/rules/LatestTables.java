package org.tripapproval.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Which version of each rule table is the newest, read for all tables in one query per engine
 * command (the step that checks a trip) instead of a query per lookup: a rule check looks up a
 * dozen times. Read afresh by every command, so a table deployed through any node applies to the
 * next check on every node. Outside a command every call reads it.
 */
@Component
class LatestTables {

  /** The newest versions as read in each command still running, forgotten when it ends. */
  private final Map<CommandContext, Map<String, DecisionDefinition>> byCommand =
      new ConcurrentHashMap<>();

  /** The newest deployed version of the table, or null when none is deployed. */
  DecisionDefinition of(String key, RepositoryService repository) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return newest(repository).get(key);
    }
    return byCommand
        .computeIfAbsent(
            command,
            running -> {
              running.registerCommandContextListener(new ForgetWhenDone());
              return newest(repository);
            })
        .get(key);
  }

  /** How many commands' readings are kept (those still running). */
  int kept() {
    return byCommand.size();
  }

  private static Map<String, DecisionDefinition> newest(RepositoryService repository) {
    return repository
        .createDecisionDefinitionQuery()
        .latestVersion()
        .withoutTenantId()
        .unlimitedList()
        .stream()
        .collect(Collectors.toMap(DecisionDefinition::getKey, Function.identity()));
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
