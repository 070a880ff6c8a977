package org.tripapproval.web;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * /engine-rest is open by default. Every call must log in (HTTP Basic against the engine's users,
 * never challenged for), and then runs as that user, so the engine's authorizations apply.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestAuthentication {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        BasicWithoutChallenge.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    // before the allowlist, which needs to know who calls
    registration.setOrder(EdgeFilters.AUTHENTICATION);
    return registration;
  }
}
