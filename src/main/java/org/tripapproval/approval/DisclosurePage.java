package org.tripapproval.approval;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * /disclosure opens the disclosure board (static/disclosure/index.html), /passports the office's
 * passport custody (static/passports/index.html).
 */
@Configuration(proxyBeanMethods = false)
class DisclosurePage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/disclosure", "/disclosure/");
    registry.addViewController("/disclosure/").setViewName("forward:/disclosure/index.html");
    registry.addRedirectViewController("/passports", "/passports/");
    registry.addViewController("/passports/").setViewName("forward:/passports/index.html");
  }
}
