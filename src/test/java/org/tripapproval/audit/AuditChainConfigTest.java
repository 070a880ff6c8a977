package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Where the chain's key comes from: the environment, the development key only where allowed, never
 * a short one.
 */
class AuditChainConfigTest {

  private final AuditChainConfig config = new AuditChainConfig();

  @Test
  void refusesToRunWithoutAKeyWhereTheDevelopmentKeyIsNotAllowed() {
    assertThatThrownBy(() -> config.chainMac("", false)).hasMessageContaining("TRIPS_AUDIT_KEY");
  }

  @Test
  void refusesAShortKey() {
    assertThatThrownBy(() -> config.chainMac("short-key", false)).hasMessageContaining("32");
  }

  @Test
  void sealsWithTheDevelopmentKeyOnlyWhereAllowedAndWithTheGivenKeyOtherwise() {
    String key = "an-operators-key-0123456789abcdefghijkl";

    assertThat(config.chainMac("", true).sign("x"))
        .isEqualTo(new ChainMac(AuditChainConfig.DEVELOPMENT_KEY).sign("x"));
    assertThat(config.chainMac(key, false).sign("x"))
        .isEqualTo(new ChainMac(key).sign("x"))
        .isNotEqualTo(new ChainMac(AuditChainConfig.DEVELOPMENT_KEY).sign("x"));
  }
}
