package org.tripapproval.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.ModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.RestartProcessInstanceBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.tripapproval.audit.AuditTrail;
import org.tripapproval.trip.TripProcess;

/**
 * Commands that would take a trip around its model, refused inside the engine whatever API calls
 * them:
 *
 * <ul>
 *   <li>a BPMN error or escalation thrown by a user on a trip task: the subprocess catches
 *       TripRejected and TripWithdrawn, so it would end a trip with no decision and no four-eyes
 *       check; the model throws its errors itself, from its end events;
 *   <li>process instance modification (sync, async, batch), start instructions and restart: only an
 *       administrator (Camunda's admin groups), with an annotation saying why, and then the
 *       operation and its reason are in the trail. Starting with instructions and restarting take
 *       no annotation in Camunda's API, so they are refused for everyone.
 * </ul>
 *
 * Runs inside the command context (a post interceptor), so it sees the task or instance; the
 * refusal is written to the trail in a transaction of its own, as the command is rolled back.
 * Camunda's commands keep their builders in fields without getters: those are read by name, and a
 * command whose field cannot be read is refused (fail closed).
 */
class TripOperationGuard extends CommandInterceptor {

  private final AuditTrail trail;
  private final Clock clock;
  private final ObjectMapper mapper;

  TripOperationGuard(AuditTrail trail, Clock clock, ObjectMapper mapper) {
    this.trail = trail;
    this.clock = clock;
    this.mapper = mapper;
  }

  /** A modification as the guard reads it from the command. */
  private record Modification(
      boolean trip, String processInstanceId, String annotation, List<String> instructions) {}

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
      checkThrownByUser(command);
    } else {
      Modification modification = modificationOf(command);
      if (modification != null && modification.trip() && Context.getJobExecutorContext() == null) {
        checkModification(command, modification);
      }
    }
    return next.execute(command);
  }

  private void checkThrownByUser(Command<?> command) {
    Object taskId = field(command, "taskId");
    TaskEntity task =
        taskId instanceof String id
            ? Context.getCommandContext().getTaskManager().findTaskById(id)
            : null;
    if (taskId != null && task == null) {
      return; // no such task: the command itself answers
    }
    if (task == null || TripProcess.isTrip(task.getProcessDefinitionId())) {
      refuse(
          task == null ? null : task.getProcessInstanceId(),
          "bpmnError.refused",
          details(
              "command",
              command.getClass().getSimpleName(),
              "task",
              task == null ? null : task.getTaskDefinitionKey()),
          "出访审批任务不能以 BPMN 错误或升级结束,请作出决定 / a trip's task is not ended by a BPMN error or escalation:"
              + " give a decision on it");
    }
  }

  private void checkModification(Command<?> command, Modification modification) {
    CommandContext context = Context.getCommandContext();
    Authentication caller = context.getAuthentication();
    boolean administrator =
        caller != null && context.getAuthorizationManager().isCamundaAdmin(caller);
    Map<String, Object> details =
        details(
            "command",
            command.getClass().getSimpleName(),
            "instructions",
            modification.instructions(),
            "annotation",
            modification.annotation());
    if (!administrator) {
      refuse(
          modification.processInstanceId(),
          "modification.refused",
          details,
          "修改出访流程须由管理员进行并说明理由 / only an administrator modifies a trip's process, with a reason");
    }
    if (modification.annotation() == null || modification.annotation().isBlank()) {
      refuse(
          modification.processInstanceId(),
          "modification.refused",
          details,
          "修改出访流程须说明理由(annotation)/ a modification of a trip needs a reason (annotation)"
              + (command instanceof StartProcessInstanceAtActivitiesCmd
                      || command instanceof AbstractRestartProcessInstanceCmd
                  ? "; start instructions and restarts take none: start the trip normally and modify it"
                  : ""));
    }
    trail.append(
        new AuditTrail.Entry(
            modification.processInstanceId(),
            "modification.performed",
            caller.getUserId(),
            clock.instant(),
            json(details)));
  }

  /** The modification a command carries, or null if it is no modification. */
  private static Modification modificationOf(Command<?> command) {
    if (command instanceof ModifyProcessInstanceCmd
        || command instanceof ModifyProcessInstanceAsyncCmd) {
      if (!(field(command, "builder") instanceof ProcessInstanceModificationBuilderImpl builder)) {
        return unreadable();
      }
      return new Modification(
          isTripInstance(builder.getProcessInstanceId()),
          builder.getProcessInstanceId(),
          builder.getAnnotation(),
          describe(builder.getModificationOperations()));
    }
    if (command instanceof AbstractModificationCmd<?>) {
      if (!(field(command, "builder") instanceof ModificationBuilderImpl builder)) {
        return unreadable();
      }
      return new Modification(
          isTripDefinition(builder.getProcessDefinitionId()),
          null,
          builder.getAnnotation(),
          describe(builder.getInstructions()));
    }
    if (command instanceof StartProcessInstanceAtActivitiesCmd) {
      if (!(field(command, "instantiationBuilder")
          instanceof ProcessInstantiationBuilderImpl builder)) {
        return unreadable();
      }
      boolean trip =
          TripProcess.KEY.equals(builder.getProcessDefinitionKey())
              || isTripDefinition(builder.getProcessDefinitionId());
      return new Modification(
          trip, null, null, describe(builder.getModificationBuilder().getModificationOperations()));
    }
    if (command instanceof AbstractRestartProcessInstanceCmd<?>) {
      if (!(field(command, "builder") instanceof RestartProcessInstanceBuilderImpl builder)) {
        return unreadable();
      }
      return new Modification(
          isTripDefinition(builder.getProcessDefinitionId()),
          null,
          null,
          describe(builder.getInstructions()));
    }
    return null;
  }

  private static Modification unreadable() {
    return new Modification(true, null, null, List.of("(unreadable)"));
  }

  private static boolean isTripInstance(String processInstanceId) {
    ExecutionEntity instance =
        processInstanceId == null
            ? null
            : Context.getCommandContext()
                .getExecutionManager()
                .findExecutionById(processInstanceId);
    return instance == null || TripProcess.isTrip(instance.getProcessDefinitionId());
  }

  private static boolean isTripDefinition(String processDefinitionId) {
    return processDefinitionId == null || TripProcess.isTrip(processDefinitionId);
  }

  private static List<String> describe(
      List<AbstractProcessInstanceModificationCommand> instructions) {
    return instructions == null
        ? List.of()
        : instructions.stream().map(TripOperationGuard::describe).toList();
  }

  /**
   * e.g. "ActivityBeforeInstantiationCmd issueApprovalNumber" (Camunda's own describe() is not
   * public).
   */
  private static String describe(AbstractProcessInstanceModificationCommand instruction) {
    for (String target :
        List.of("activityId", "activityInstanceId", "transitionInstanceId", "transitionId")) {
      if (field(instruction, target) instanceof String id) {
        return instruction.getClass().getSimpleName() + " " + id;
      }
    }
    return instruction.getClass().getSimpleName();
  }

  private static Object field(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(command);
      } catch (NoSuchFieldException notHere) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException unreadable) {
        return null;
      }
    }
    return null;
  }

  private static Map<String, Object> details(Object... pairs) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      details.put((String) pairs[i], pairs[i + 1]);
    }
    return details;
  }

  private String json(Map<String, Object> details) {
    try {
      return mapper.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void refuse(
      String processInstanceId, String event, Map<String, Object> details, String why) {
    Authentication caller = Context.getCommandContext().getAuthentication();
    details.put("reason", why);
    trail.recordRefusal(
        processInstanceId, event, caller == null ? null : caller.getUserId(), details);
    throw new TripInvariantViolation(why);
  }
}
