package org.tripapproval.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.EntityTypes;

/**
 * What the system's own trail entries are about: the engine's entity types that change who may do
 * what.
 */
enum SystemEntity {
  USER(EntityTypes.USER, "user"),
  GROUP(EntityTypes.GROUP, "group"),
  MEMBERSHIP(EntityTypes.GROUP_MEMBERSHIP, "membership"),
  TENANT(EntityTypes.TENANT, "tenant"),
  TENANT_MEMBERSHIP(EntityTypes.TENANT_MEMBERSHIP, "tenant-membership"),
  AUTHORIZATION(EntityTypes.AUTHORIZATION, "authorization"),
  DEPLOYMENT(EntityTypes.DEPLOYMENT, "deployment");

  private final String engineType;
  private final String label;

  SystemEntity(String engineType, String label) {
    this.engineType = engineType;
    this.label = label;
  }

  /** The trail's event name, e.g. system.membership.create. */
  String event(String operationType) {
    return "system." + label + "." + operationType.toLowerCase(Locale.ROOT);
  }

  String label() {
    return label;
  }

  static Optional<SystemEntity> of(String engineType) {
    return Arrays.stream(values())
        .filter(entity -> entity.engineType.equals(engineType))
        .findFirst();
  }
}
