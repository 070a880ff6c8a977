package org.tripapproval.config;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security guards the project's own endpoints (/api, /mail) with HTTP Basic against the
 * engine's users. Everything else is left to Camunda: the webapps have their own login and CSRF
 * protection, /engine-rest its own authentication filter (EngineRestAuthentication).
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

  static final String ADMINISTRATORS = "GROUP_camunda-admin";
  static final String AUDITORS = "GROUP_auditors";

  @Bean
  @Order(1)
  SecurityFilterChain projectEndpoints(HttpSecurity http) throws Exception {
    return http.securityMatcher("/api/**", "/mail/**", "/mail")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/api/notifications/**").hasAuthority(ADMINISTRATORS)
            .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/audit/**").hasAuthority(AUDITORS)
            .requestMatchers("/api/audit/**").denyAll()
            .anyRequest().authenticated())
        .httpBasic(withDefaults())
        .csrf(csrf -> csrf.disable()) // stateless, credentials on every request, no cookies
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .build();
  }
}
