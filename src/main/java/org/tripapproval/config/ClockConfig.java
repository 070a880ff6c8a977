package org.tripapproval.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tripapproval.trip.TripSettings;

@Configuration(proxyBeanMethods = false)
class ClockConfig {

  @Bean
  Clock clock(TripSettings settings) {
    return Clock.system(settings.zone());
  }
}
