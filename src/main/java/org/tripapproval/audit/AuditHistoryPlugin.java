package org.tripapproval.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Adds the trip history handler beside the engine's own (database) history handler, and lets the
 * system audit itself: the history event producer that turns identity, authorization and deployment
 * operations into trail entries, and the interceptor that has them logged without a logged-in user.
 */
@Component
class AuditHistoryPlugin extends AbstractProcessEnginePlugin {

  private final TripHistory tripHistory;
  private final SystemOperations systemOperations;

  AuditHistoryPlugin(
      AuditTrail trail, ObjectMapper mapper, Clock clock, SystemOperations systemOperations) {
    this.tripHistory = new TripHistory(trail, mapper, clock);
    this.systemOperations = systemOperations;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(tripHistory);
    configuration.setCustomHistoryEventHandlers(handlers);
    configuration.setEnableDefaultDbHistoryEventHandler(true);
    configuration.setHistoryEventProducer(systemOperations);
    configuration.setCustomPostCommandInterceptorsTxRequired(
        withSystemOperationsLogged(configuration.getCustomPostCommandInterceptorsTxRequired()));
    configuration.setCustomPostCommandInterceptorsTxRequiresNew(
        withSystemOperationsLogged(configuration.getCustomPostCommandInterceptorsTxRequiresNew()));
  }

  private static List<CommandInterceptor> withSystemOperationsLogged(
      List<CommandInterceptor> existing) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (existing != null) {
      interceptors.addAll(existing);
    }
    interceptors.add(new SystemOperationsLogged());
    return interceptors;
  }
}
