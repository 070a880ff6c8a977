package org.tripapproval.audit;

import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chain's key (from the environment, never from the database) and this node's checkpoint file.
 */
@Configuration(proxyBeanMethods = false)
class AuditChainConfig {

  /** Only for the embedded demo: a key everyone can read protects nothing. */
  static final String DEVELOPMENT_KEY = "trips-development-audit-key-not-for-production";

  private static final Logger log = LoggerFactory.getLogger(AuditChainConfig.class);

  @Bean
  ChainMac chainMac(
      @Value("${trips.audit.key:}") String key,
      @Value("${trips.audit.development-key-allowed:false}") boolean developmentKeyAllowed) {
    if (!key.isBlank()) {
      return new ChainMac(key);
    }
    if (!developmentKeyAllowed) {
      throw new IllegalStateException(
          "须设置 TRIPS_AUDIT_KEY（审计链密钥，至少"
              + ChainMac.MIN_KEY_LENGTH
              + "个字符）/ TRIPS_AUDIT_KEY (the audit chain's key, at least "
              + ChainMac.MIN_KEY_LENGTH
              + " characters) must be set");
    }
    log.warn(
        "The audit trail is sealed with the fixed development key: anyone with database access can recompute"
            + " it. Set TRIPS_AUDIT_KEY outside the demo.");
    return new ChainMac(DEVELOPMENT_KEY);
  }

  @Bean
  Checkpoints checkpoints(
      ChainMac mac,
      @Value("${trips.audit.checkpoint-file:./data/audit-checkpoints.log}") Path file,
      @Value("${trips.audit.node:${HOSTNAME:node}}") String node,
      Clock clock) {
    return new Checkpoints(file.toAbsolutePath(), mac, node, clock);
  }
}
