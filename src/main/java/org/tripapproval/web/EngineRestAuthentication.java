package org.tripapproval.web;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tripapproval.identity.LoginCache;

/**
 * /engine-rest is open by default. Every call must log in (HTTP Basic against the engine's users,
 * never challenged for), and then runs as that user, so the engine's authorizations apply.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestAuthentication {

  @Bean
  FilterRegistrationBean<EngineRestLogin> engineRestAuthenticationFilter(
      ProcessEngine engine, LoginCache logins) {
    FilterRegistrationBean<EngineRestLogin> registration =
        new FilterRegistrationBean<>(new EngineRestLogin(engine, logins));
    registration.setName("engine-rest-authentication");
    registration.addUrlPatterns("/engine-rest/*");
    // before the allowlist, which needs to know who calls
    registration.setOrder(EdgeFilters.AUTHENTICATION);
    return registration;
  }
}
