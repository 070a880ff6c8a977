package org.tripapproval.audit;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/** Adds the trip history handler beside the engine's own (database) history handler. */
@Component
class AuditHistoryPlugin extends AbstractProcessEnginePlugin {

  private final TripHistory tripHistory;

  AuditHistoryPlugin(TripHistory tripHistory) {
    this.tripHistory = tripHistory;
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
  }
}
