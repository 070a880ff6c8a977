package org.tripapproval.approval;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tripapproval.support.TestPostgres;

/**
 * The attacks of {@link EngineInvariantsTest} on real PostgreSQL: the engine's services called
 * directly as the attacker, as /engine-rest would call them if the edge let the request through.
 */
@DirtiesContext // one process engine "default" per JVM: close it before the next IT starts its own
class EngineInvariantsIT extends EngineInvariantsTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = TestPostgres.newDatabase("invariants");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
