package org.tripapproval.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Mail delivery settings (application.yaml, prefix "trips.mail"); SMTP itself is spring.mail. */
@ConfigurationProperties("trips.mail")
public record MailSettings(
    String from,
    String baseUrl,
    String messageIdDomain,
    boolean embeddedServer,
    int imapPort,
    int maxAttempts,
    Duration retryBackoff,
    Duration maxBackoff) {

  /** Exponential backoff: first retry after retryBackoff, doubling up to maxBackoff. */
  Duration backoffAfter(int attempts) {
    long factor = 1L << Math.min(attempts - 1, 20);
    Duration next = retryBackoff.multipliedBy(factor);
    return next.compareTo(maxBackoff) > 0 ? maxBackoff : next;
  }
}
