package org.tripapproval.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checkpoints the chain's head when the node starts, every trips.audit.checkpoint-interval, and
 * when it stops.
 */
@Component
class AuditCheckpointing {

  private static final Logger log = LoggerFactory.getLogger(AuditCheckpointing.class);

  private final AuditTrail trail;

  AuditCheckpointing(AuditTrail trail) {
    this.trail = trail;
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    checkpoint();
  }

  @Scheduled(
      fixedDelayString = "${trips.audit.checkpoint-interval:PT5M}",
      initialDelayString = "${trips.audit.checkpoint-interval:PT5M}")
  void periodically() {
    checkpoint();
  }

  /** Before the data source closes: the last head this node saw survives it. */
  @EventListener(ContextClosedEvent.class)
  void atShutdown() {
    checkpoint();
  }

  private void checkpoint() {
    try {
      trail.checkpoint();
    } catch (RuntimeException e) {
      // the database may be down: the next checkpoint covers the same rows and more
      log.warn("audit checkpoint not written: {}", e.toString());
    }
  }
}
