package org.tripapproval.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * For administrators: which notifications failed or wait, with their error and attempts, and a
 * retry. GET /api/notifications?status=FAILED, POST /api/notifications/{id}/retry.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationAdministration {

  record NotificationView(
      long id,
      String kind,
      String processInstanceId,
      String recipient,
      String subject,
      String status,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant sentAt) {}

  private static final Set<String> STATUSES = Set.of(Outbox.PENDING, Outbox.SENT, Outbox.FAILED);
  private static final int MAX_LIMIT = 500;

  private final Outbox outbox;

  NotificationAdministration(Outbox outbox) {
    this.outbox = outbox;
  }

  @GetMapping
  ResponseEntity<?> list(
      @RequestParam(defaultValue = Outbox.FAILED) String status,
      @RequestParam(defaultValue = "100") int limit) {
    if (!STATUSES.contains(status)) {
      throw new InvalidParameterException("status", "须为 must be one of " + STATUSES);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidParameterException(
          "limit", "须在1到" + MAX_LIMIT + "之间 / must be between 1 and " + MAX_LIMIT);
    }
    List<NotificationView> views =
        outbox.find(status, limit).stream()
            .map(
                m ->
                    new NotificationView(
                        m.id(),
                        m.kind(),
                        m.processInstanceId(),
                        m.recipient(),
                        m.subject(),
                        m.status(),
                        m.attempts(),
                        m.lastError(),
                        m.createdAt(),
                        m.nextAttemptAt(),
                        m.sentAt()))
            .toList();
    return ResponseEntity.ok(views);
  }

  @PostMapping("/{id}/retry")
  ResponseEntity<?> retry(@PathVariable long id) {
    if (outbox.byId(id).isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Map.of("error", "no notification " + id));
    }
    if (!outbox.retry(id)) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(Map.of("error", "notification " + id + " was already sent"));
    }
    return ResponseEntity.accepted().build();
  }
}
