package org.tripapproval.approval;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** /trips opens My trips (static/trips/index.html). */
@Configuration(proxyBeanMethods = false)
class MyTripsPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/trips", "/trips/");
    registry.addViewController("/trips/").setViewName("forward:/trips/index.html");
  }
}
