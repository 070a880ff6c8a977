package org.tripapproval.notification;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;

/** Plain-text templates (*.txt) beside the HTML ones, for the text alternative of each message. */
@Configuration(proxyBeanMethods = false)
class TextTemplates {

  @Bean
  ITemplateResolver textTemplateResolver() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setResolvablePatterns(Set.of("*.txt"));
    resolver.setOrder(0);
    resolver.setCheckExistence(true);
    return resolver;
  }
}
