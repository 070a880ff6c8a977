package org.tripapproval.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** /audit opens the auditors' workspace (static/audit/index.html). */
@Configuration(proxyBeanMethods = false)
class AuditPages implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/audit", "/audit/");
    registry.addViewController("/audit/").setViewName("forward:/audit/index.html");
  }
}
