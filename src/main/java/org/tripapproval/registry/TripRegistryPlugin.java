package org.tripapproval.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripRequestValidator;

/** Puts {@link TripRegistryFeed} beside the engine's own history handler. */
@Component
class TripRegistryPlugin extends AbstractProcessEnginePlugin {

  private final TripRegistryFeed feed;

  TripRegistryPlugin(
      TripRegistry registry,
      ObjectMapper mapper,
      Clock clock,
      TripRequestValidator requestCheck,
      Validator validator) {
    this.feed = new TripRegistryFeed(registry, mapper, clock, requestCheck, validator);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(feed);
    configuration.setCustomHistoryEventHandlers(handlers);
  }
}
