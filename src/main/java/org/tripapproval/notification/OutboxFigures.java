package org.tripapproval.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The outbox as the operators watch it: mail waiting, mail given up on, and how long the oldest has
 * waited. Read from the outbox table at each scrape, so every node reports the same figures; the
 * counters of what this node delivered are {@link OutboxDelivery}'s.
 */
@Component
class OutboxFigures implements MeterBinder {

  private final Outbox outbox;
  private final Clock clock;

  OutboxFigures(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("trips.mail.outbox.pending", () -> outbox.count(Outbox.PENDING))
        .description("Mails waiting to be delivered (待发送邮件)")
        .strongReference(true)
        .register(registry);
    Gauge.builder("trips.mail.outbox.failed", () -> outbox.count(Outbox.FAILED))
        .description("Mails given up on after every attempt (发送失败邮件)")
        .strongReference(true)
        .register(registry);
    Gauge.builder("trips.mail.outbox.oldest.pending", this::oldestPendingSeconds)
        .description("How long the oldest waiting mail has waited (最早待发邮件已等待)")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  private double oldestPendingSeconds() {
    Instant oldest = outbox.oldestPending();
    return oldest == null ? 0 : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
  }
}
