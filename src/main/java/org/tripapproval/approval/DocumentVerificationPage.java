package org.tripapproval.approval;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** /verify opens the public verification of approval documents (static/verify/index.html). */
@Configuration(proxyBeanMethods = false)
class DocumentVerificationPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/verify", "/verify/");
    registry.addViewController("/verify/").setViewName("forward:/verify/index.html");
  }
}
