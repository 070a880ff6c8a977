package org.tripapproval.rules;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Gives the engine's DMN engine the {@link ParsedOnceFeelEngine}. */
@Component
class ParsedOnceFeelPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn =
          (DefaultDmnEngineConfiguration)
              DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    DefaultDmnEngineConfiguration withProviders = dmn;
    // the function providers are set on the DMN configuration after this plugin, while the engine
    // is built, so they are read when the FEEL engine is made
    dmn.setFeelEngineFactory(
        () -> new ParsedOnceFeelEngine(withProviders.getFeelCustomFunctionProviders()));
  }
}
