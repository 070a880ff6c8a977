package org.tripapproval.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.CompositeHistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;
import org.tripapproval.audit.AuditTrail;

/**
 * Puts the approval's invariants into the engine: the command guard after the command context is
 * open (it needs the task or instance a command names), and the variable guard before every other
 * history handler (it needs the value as it was before the write).
 */
@Component
class EngineInvariantsPlugin extends AbstractProcessEnginePlugin {

  private final TripVariableGuard variables;
  private final TripOperationGuard operations;

  EngineInvariantsPlugin(AuditTrail trail, Clock clock, ObjectMapper mapper) {
    this.variables = new TripVariableGuard(trail, mapper);
    this.operations = new TripOperationGuard(trail, clock, mapper);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> post = new ArrayList<>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
      post.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    }
    post.add(operations);
    configuration.setCustomPostCommandInterceptorsTxRequired(post);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(
        new CompositeHistoryEventHandler(variables, configuration.getHistoryEventHandler()));
  }
}
