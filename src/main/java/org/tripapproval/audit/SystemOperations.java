package org.tripapproval.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.oplog.UserOperationLogContext;
import org.camunda.bpm.engine.impl.oplog.UserOperationLogContextEntry;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.springframework.stereotype.Component;

/**
 * The system audits itself: every user operation log entry the engine makes about users, groups,
 * memberships, tenants, authorizations and deployments also becomes one trail entry without a trip,
 * in the same transaction. The engine hands the whole operation here (all its property changes at
 * once), so one change is one entry; see ADR 0010. Registered by {@link AuditHistoryPlugin}.
 */
@Component
class SystemOperations extends CacheAwareHistoryEventProducer {

  /**
   * The properties the engine logs for these entities that the trail keeps; nothing else (no
   * credentials).
   */
  private static final Set<String> KEPT =
      Set.of(
          "userId",
          "groupId",
          "tenantId",
          "type",
          "resource",
          "resourceId",
          "permissions",
          "duplicateFilterEnabled",
          "deployChangedOnly",
          "cascade",
          "skipCustomListeners",
          "skipIoMappings");

  private final AuditTrail trail;
  private final ObjectMapper mapper;
  private final Clock clock;

  SystemOperations(AuditTrail trail, ObjectMapper mapper, Clock clock) {
    this.trail = trail;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public List<HistoryEvent> createUserOperationLogEvents(UserOperationLogContext context) {
    for (UserOperationLogContextEntry entry : context.getEntries()) {
      SystemEntity.of(entry.getEntityType())
          .filter(entity -> !nothingDeployed(entity, entry))
          .ifPresent(
              entity ->
                  trail.append(
                      new AuditTrail.Entry(
                          null,
                          entity.event(entry.getOperationType()),
                          context.getUserId(),
                          clock.instant(),
                          details(entity, entry))));
    }
    return super.createUserOperationLogEvents(context);
  }

  /**
   * The engine logs a deployment's creation even when duplicate filtering found nothing new (every
   * node's start): then it names an existing deployment, which this command did not insert.
   */
  private static boolean nothingDeployed(SystemEntity entity, UserOperationLogContextEntry entry) {
    if (entity != SystemEntity.DEPLOYMENT
        || !UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(entry.getOperationType())) {
      return false;
    }
    DbEntityCache cache = Context.getCommandContext().getDbEntityManager().getDbEntityCache();
    DeploymentEntity deployment = cache.get(DeploymentEntity.class, entry.getDeploymentId());
    return deployment == null || !cache.isTransient(deployment);
  }

  private String details(SystemEntity entity, UserOperationLogContextEntry entry) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> previous = new LinkedHashMap<>();
    for (PropertyChange change : entry.getPropertyChanges()) {
      if (KEPT.contains(change.getPropertyName())) {
        values.put(change.getPropertyName(), change.getNewValueString());
        if (change.getOrgValue() != null) {
          previous.put(change.getPropertyName(), change.getOrgValueString());
        }
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("entityType", entity.label());
    details.put("operation", entry.getOperationType());
    details.put("entityId", entityId(entity, entry, values));
    details.put("values", values);
    if (!previous.isEmpty()) {
      details.put("previous", previous);
    }
    try {
      return mapper.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The changed entity's id; a membership is user@group. The engine does not log an authorization's
   * id: it is named by its values (type, resource, resourceId, userId or groupId).
   */
  private static String entityId(
      SystemEntity entity, UserOperationLogContextEntry entry, Map<String, String> values) {
    return switch (entity) {
      case USER -> values.get("userId");
      case GROUP -> values.get("groupId");
      case TENANT -> values.get("tenantId");
      case MEMBERSHIP -> values.get("userId") + "@" + values.get("groupId");
      case TENANT_MEMBERSHIP ->
          (values.containsKey("userId") ? values.get("userId") : values.get("groupId"))
              + "@"
              + values.get("tenantId");
      case DEPLOYMENT -> entry.getDeploymentId();
      case AUTHORIZATION -> null;
    };
  }
}
