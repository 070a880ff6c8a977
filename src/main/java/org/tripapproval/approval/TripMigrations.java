package org.tripapproval.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.trip.TripProcess;

/**
 * Moves the trips that wait on an older version of the model to the newest one (Camunda's process
 * instance migration), for administrators (README, "New versions of the models"; ADR 0017).
 *
 * <p>For each older version with trips in flight the plan maps every activity whose id the newest
 * version still has ({@code mapEqualActivities}). Each trip is then moved in a transaction of its
 * own, synchronously: a trip that the engine cannot move (it waits in a step the new model no
 * longer has), or that changed in the same moment on another node, stays where it is and is named
 * with the reason, while the others move. A preview runs the same and rolls every trip back. A
 * migration is one entry of the system trail, naming what moved and what did not and why; each
 * moved trip's own trail says so too (audit/TripHistory).
 */
@Service
public class TripMigrations {

  public static final String EVENT = "system.migration.execute";

  /** The version the trips move to. */
  public record Target(String processDefinitionId, int version, String versionTag, String name) {}

  /** A trip moved (or, in a preview, that would move). */
  public record Moved(String processInstanceId, String requestNumber, int fromVersion) {}

  /** Why a trip cannot move: the step it waits in, and what is wrong with it. */
  public record Obstacle(String activity, String activityName, String reason) {}

  /** A trip that stays on its version, and why. */
  public record Stayed(
      String processInstanceId, String requestNumber, int fromVersion, List<Obstacle> obstacles) {}

  public record Result(
      boolean executed, Target target, List<Moved> moved, List<Stayed> stayed, String summary) {}

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final TransactionTemplate eachTrip;
  private final AuditTrail trail;
  private final ObjectMapper mapper;
  private final Clock clock;

  TripMigrations(
      RepositoryService repository,
      RuntimeService runtime,
      IdentityService identity,
      PlatformTransactionManager transactions,
      AuditTrail trail,
      ObjectMapper mapper,
      Clock clock) {
    this.repository = repository;
    this.runtime = runtime;
    this.identity = identity;
    this.eachTrip = new TransactionTemplate(transactions);
    this.eachTrip.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    this.trail = trail;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** What a migration would do now; nothing is changed. */
  public Result preview(String administrator) {
    return as(administrator, () -> run(false));
  }

  /** Moves every trip that can move to the newest version; the rest stay, with the reason. */
  public Result migrate(String administrator) {
    Result result = as(administrator, () -> run(true));
    // in a transaction, as every write of the chain: its head is locked until the entry is in
    eachTrip.executeWithoutResult(
        status ->
            trail.append(
                new AuditTrail.Entry(
                    null, EVENT, administrator, clock.instant(), details(result))));
    return result;
  }

  private Result run(boolean execute) {
    ProcessDefinition newest =
        repository
            .createProcessDefinitionQuery()
            .processDefinitionKey(TripProcess.KEY)
            .withoutTenantId()
            .latestVersion()
            .singleResult();
    Target target =
        new Target(newest.getId(), newest.getVersion(), newest.getVersionTag(), newest.getName());
    List<ProcessDefinition> older =
        repository
            .createProcessDefinitionQuery()
            .processDefinitionKey(TripProcess.KEY)
            .withoutTenantId()
            .unlimitedList()
            .stream()
            .filter(definition -> definition.getVersion() < newest.getVersion())
            .sorted(Comparator.comparingInt(ProcessDefinition::getVersion))
            .toList();
    List<Moved> moved = new ArrayList<>();
    List<Stayed> stayed = new ArrayList<>();
    for (ProcessDefinition source : older) {
      List<ProcessInstance> trips =
          runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).unlimitedList();
      if (trips.isEmpty()) {
        continue;
      }
      Steps steps = new Steps(repository.getBpmnModelInstance(source.getId()));
      MigrationPlan plan;
      try {
        plan =
            runtime
                .createMigrationPlan(source.getId(), newest.getId())
                .mapEqualActivities()
                .build();
      } catch (MigrationPlanValidationException invalid) {
        List<Obstacle> obstacles =
            invalid.getValidationReport().getInstructionReports().stream()
                .map(
                    report ->
                        steps.obstacle(
                            report.getMigrationInstruction().getSourceActivityId(),
                            cannotMove(report.getFailures())))
                .toList();
        trips.forEach(trip -> stayed.add(stayed(trip, source, obstacles)));
        continue;
      }
      for (ProcessInstance trip : trips) {
        try {
          eachTrip.executeWithoutResult(
              status -> {
                runtime.newMigration(plan).processInstanceIds(trip.getId()).execute();
                if (!execute) {
                  status.setRollbackOnly();
                }
              });
          moved.add(new Moved(trip.getId(), trip.getBusinessKey(), source.getVersion()));
        } catch (MigratingProcessInstanceValidationException cannot) {
          stayed.add(
              stayed(trip, source, obstacles(cannot.getValidationReport(), plan, steps, target)));
        } catch (OptimisticLockingException changedMeanwhile) {
          stayed.add(
              stayed(
                  trip,
                  source,
                  List.of(
                      new Obstacle(
                          null,
                          null,
                          "迁移时行程正在变化,请再运行一次迁移 / the trip changed while it was being"
                              + " moved: run the migration again"))));
        } catch (ProcessEngineException other) {
          stayed.add(
              stayed(
                  trip,
                  source,
                  List.of(new Obstacle(null, null, cannotMove(List.of(other.getMessage()))))));
        }
      }
    }
    return new Result(execute, target, moved, stayed, summary(execute, target, moved, stayed));
  }

  private static Stayed stayed(ProcessInstance trip, ProcessDefinition source, List<Obstacle> why) {
    return new Stayed(trip.getId(), trip.getBusinessKey(), source.getVersion(), why);
  }

  /**
   * The engine's report in words: a step the plan has no instruction for is a step the new model no
   * longer has; anything else is the engine's reason.
   */
  private static List<Obstacle> obstacles(
      MigratingProcessInstanceValidationReport report,
      MigrationPlan plan,
      Steps steps,
      Target target) {
    Set<String> mapped =
        plan.getInstructions().stream()
            .map(MigrationInstruction::getSourceActivityId)
            .collect(Collectors.toSet());
    List<Obstacle> obstacles = new ArrayList<>();
    report
        .getActivityInstanceReports()
        .forEach(
            activity ->
                obstacles.add(
                    obstacle(
                        steps,
                        mapped,
                        activity.getSourceScopeId(),
                        activity.getFailures(),
                        target)));
    report
        .getTransitionInstanceReports()
        .forEach(
            transition ->
                obstacles.add(
                    obstacle(
                        steps,
                        mapped,
                        transition.getSourceScopeId(),
                        transition.getFailures(),
                        target)));
    if (!report.getFailures().isEmpty()) {
      obstacles.add(new Obstacle(null, null, cannotMove(report.getFailures())));
    }
    return obstacles;
  }

  private static Obstacle obstacle(
      Steps steps, Set<String> mapped, String scope, List<String> failures, Target target) {
    String activity = Steps.activityOf(scope);
    if (!mapped.contains(scope)) {
      return steps.obstacle(
          activity,
          "第"
              + target.version()
              + "版流程没有这一环节,这次出访在原版本上走完 / version "
              + target.version()
              + " of the model has no such step: the trip finishes on its own version");
    }
    return steps.obstacle(activity, cannotMove(failures));
  }

  private static String cannotMove(List<String> failures) {
    return "这一环节不能迁移 / this step cannot be moved: " + String.join("; ", failures);
  }

  private static String summary(
      boolean execute, Target target, List<Moved> moved, List<Stayed> stayed) {
    if (moved.isEmpty() && stayed.isEmpty()) {
      return "没有在旧版流程上等待的出访 / no trip waits on an older version of the model";
    }
    return (execute ? "已迁移" : "可迁移")
        + moved.size()
        + "个出访到第"
        + target.version()
        + "版流程,"
        + stayed.size()
        + "个不能迁移(见原因) / "
        + moved.size()
        + (execute ? " trips moved" : " trips can move")
        + " to version "
        + target.version()
        + " of the model, "
        + stayed.size()
        + " cannot (see why)";
  }

  private String details(Result result) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("entityType", "migration");
    details.put("operation", "execute");
    details.put("entityId", result.target().processDefinitionId());
    details.put("targetVersion", result.target().version());
    details.put("moved", result.moved());
    details.put("stayed", result.stayed());
    try {
      return mapper.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs as the administrator, so that the engine's own log and each trip's trail name them; the
   * engine checks their authorizations (MIGRATE_INSTANCE).
   */
  private <T> T as(String administrator, Supplier<T> work) {
    List<String> groups =
        identity.createGroupQuery().groupMember(administrator).unlimitedList().stream()
            .map(Group::getId)
            .toList();
    Authentication before = identity.getCurrentAuthentication();
    identity.setAuthentication(administrator, groups);
    try {
      return work.get();
    } finally {
      if (before == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(before);
      }
    }
  }

  /** The steps of one version of the model, by id, for their names. */
  private record Steps(BpmnModelInstance model) {

    /** A multi-instance body's scope id names its inner activity. */
    static String activityOf(String scopeId) {
      int body = scopeId == null ? -1 : scopeId.indexOf('#');
      return body < 0 ? scopeId : scopeId.substring(0, body);
    }

    Obstacle obstacle(String activity, String reason) {
      return new Obstacle(activity, name(activity), reason);
    }

    private String name(String activity) {
      if (activity == null
          || !(model.getModelElementById(activity) instanceof FlowElement element)) {
        return null;
      }
      return element.getName();
    }
  }
}
