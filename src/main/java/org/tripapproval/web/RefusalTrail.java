package org.tripapproval.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tripapproval.audit.AuditTrail;

/**
 * Every call of a logged-in user that was refused, at the edge or by the engine: one trail entry,
 * in its own transaction.
 */
@Component
class RefusalTrail {

  static final String EVENT = "access.refused";
  private static final Logger log = LoggerFactory.getLogger(RefusalTrail.class);

  private final AuditTrail trail;

  RefusalTrail(AuditTrail trail) {
    this.trail = trail;
  }

  void record(String user, String method, String path, String reason) {
    log.warn("{} {} {} refused: {}", user, method, path, reason);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("method", method);
    details.put("path", path);
    details.put("reason", reason);
    trail.recordRefusal(null, EVENT, user, details);
  }
}
