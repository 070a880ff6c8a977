package org.tripapproval.notification;

import java.time.Instant;

/** One message in the outbox, as delivered and as an administrator sees it. */
public record OutboxMessage(
    long id,
    String messageId,
    String kind,
    String processInstanceId,
    String recipient,
    String subject,
    String bodyHtml,
    String bodyText,
    String status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant sentAt) {}
