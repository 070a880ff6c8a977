package org.tripapproval.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the outbox delivery (OutboxDelivery#deliverDue). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {}
