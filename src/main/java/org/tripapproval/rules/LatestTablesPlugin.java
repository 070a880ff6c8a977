package org.tripapproval.rules;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Makes {@link LatestTables} forget the newest versions when a deployment is made or removed on
 * this node: before, and again once it is done.
 */
@Component
class LatestTablesPlugin extends AbstractProcessEnginePlugin {

  private final LatestTables tables;

  LatestTablesPlugin(LatestTables tables) {
    this.tables = tables;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    interceptors.add(new ForgetOnDeployment());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  private final class ForgetOnDeployment extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (!(command instanceof DeployCmd) && !(command instanceof DeleteDeploymentCmd)) {
        return next.execute(command);
      }
      tables.forget();
      try {
        return next.execute(command);
      } finally {
        tables.forget();
      }
    }
  }
}
