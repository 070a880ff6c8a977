package org.tripapproval.web;

import jakarta.servlet.FilterConfig;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.tripapproval.identity.LoginCache;

/**
 * Camunda's login filter for /engine-rest, given its provider and this application's engine instead
 * of finding them by class name and by a service-loader scan of the jar on every call.
 */
class EngineRestLogin extends ProcessEngineAuthenticationFilter {

  private final ProcessEngine engine;

  EngineRestLogin(ProcessEngine engine, LoginCache logins) {
    this.engine = engine;
    this.authenticationProvider = new BasicWithoutChallenge(logins);
  }

  @Override
  public void init(FilterConfig filterConfig) {
    servletPathPrefix = filterConfig.getInitParameter(SERVLET_PATH_PREFIX);
  }

  @Override
  protected ProcessEngine getAddressedEngine(String engineName) {
    // another engine's name is answered as Camunda answers it (none: 404)
    return engine.getName().equals(engineName)
        ? engine
        : EngineUtil.lookupProcessEngine(engineName);
  }
}
