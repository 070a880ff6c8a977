package org.tripapproval.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * The order of the edge on the engine's APIs: login (config/EngineRestAuthentication, order {@link
 * #AUTHENTICATION}), then the allowlist and the body cap ({@link EngineApiGuard}), then the check
 * of what a task may set ({@link TaskInputs}), which reads the body only within the cap. The
 * webapps' own filters (Camunda's login, CSRF) come after these; the guard reads their login from
 * the session.
 */
@Configuration(proxyBeanMethods = false)
public class EdgeFilters {

  /** After DatabaseOutage (first), before everything that reads the request. */
  public static final int AUTHENTICATION = Ordered.HIGHEST_PRECEDENCE + 20;

  /**
   * Names who refused a call to the engine's APIs: "edge", or "engine" where the engine wrote the
   * refusal to the trail itself.
   */
  public static final String REFUSED_HEADER = "X-Trips-Refused";

  public static final String RECORDED_BY_THE_ENGINE = "engine";
  static final int ALLOWLIST = AUTHENTICATION + 10;
  static final int TASK_INPUTS = ALLOWLIST + 10;

  private static final String[] ENGINE_APIS = {"/engine-rest/*", "/camunda/api/*"};

  @Bean
  FilterRegistrationBean<EngineApiGuard> engineApiGuard(
      IdentityService identity,
      RefusalTrail refusals,
      ObjectMapper mapper,
      MeterRegistry meters,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
      @Value("${trips.edge.max-body:1MB}") DataSize maxBody,
      @Value("${trips.edge.max-upload:15MB}") DataSize maxUpload) {
    FilterRegistrationBean<EngineApiGuard> registration =
        new FilterRegistrationBean<>(
            new EngineApiGuard(identity, refusals, mapper, meters, webappPath, maxBody, maxUpload));
    registration.setName("engine-api-allowlist");
    registration.addUrlPatterns(ENGINE_APIS);
    registration.setOrder(ALLOWLIST);
    return registration;
  }

  /**
   * The engine's APIs find Camunda's engine provider without reading the jar at each call (before
   * the login, which makes a REST resource too).
   */
  @Bean
  FilterRegistrationBean<KnownServices> knownServices() {
    FilterRegistrationBean<KnownServices> registration =
        new FilterRegistrationBean<>(new KnownServices());
    registration.setName("known-services");
    registration.addUrlPatterns(ENGINE_APIS);
    registration.setOrder(AUTHENTICATION - 1);
    return registration;
  }

  /** The task-input check is a component of the trip feature; here it is only put in its place. */
  @Bean
  FilterRegistrationBean<TaskInputs> taskInputsFilter(TaskInputs taskInputs) {
    FilterRegistrationBean<TaskInputs> registration = new FilterRegistrationBean<>(taskInputs);
    registration.setName("task-inputs");
    registration.addUrlPatterns(ENGINE_APIS);
    registration.setOrder(TASK_INPUTS);
    return registration;
  }
}
