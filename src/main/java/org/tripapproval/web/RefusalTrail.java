package org.tripapproval.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
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
  private final TransactionTemplate ownTransaction;
  private final ObjectMapper mapper;
  private final Clock clock;

  RefusalTrail(
      AuditTrail trail, PlatformTransactionManager transactions, ObjectMapper mapper, Clock clock) {
    this.trail = trail;
    this.mapper = mapper;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  void record(String user, String method, String path, String reason) {
    log.warn("{} {} {} refused: {}", user, method, path, reason);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("method", method);
    details.put("path", path);
    details.put("reason", reason);
    try {
      String json = mapper.writeValueAsString(details);
      ownTransaction.executeWithoutResult(
          status ->
              trail.appendNow(new AuditTrail.Entry(null, EVENT, user, clock.instant(), json)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
