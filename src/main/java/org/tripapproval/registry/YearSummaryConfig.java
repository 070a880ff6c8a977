package org.tripapproval.registry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tripapproval.trip.TripSettings;

/** The year summary kept with the registry, its days taken in the application's zone. */
@Configuration(proxyBeanMethods = false)
class YearSummaryConfig {

  @Bean
  YearSummary yearSummary(JdbcTemplate jdbc, TripSettings settings) {
    return YearSummary.on(jdbc, settings.zone());
  }
}
