package org.tripapproval.config;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Two people completing the same task at the same moment: the engine lets one win. /engine-rest
 * would answer the other with 500 (an optimistic-locking failure) or, when it came a moment later,
 * with 403 or 500 about a task that no longer exists. It is a conflict either way: 409, with a
 * message a person understands. Everything else is answered as Camunda does.
 */
@Component
class EngineRestConflicts implements ResourceConfigCustomizer {

  /** How Camunda's task resource names the task it could not complete (TaskResourceImpl). */
  private static final Pattern TASK_ACTION = Pattern.compile("^Cannot (?:submit task form|complete task) ([^:\\s]+):");
  private static final String MESSAGE =
      "此任务刚被他人办理或修改,请刷新后查看 / Someone else has just completed or changed this; reload to see it";

  private final HistoryService history;
  private final IdentityService identity;

  EngineRestConflicts(HistoryService history, IdentityService identity) {
    this.history = history;
    this.identity = identity;
  }

  @Override
  public void customize(ResourceConfig config) {
    config.register(new RestConflicts(this));
    config.register(new EngineConflicts(this));
  }

  /** Lost the race, or came a moment after the task was completed by someone else. */
  boolean isConflict(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException) {
        return true;
      }
    }
    if (exception instanceof AuthorizationException denied) {
      return denied.getMissingAuthorizations().stream()
          .anyMatch(missing -> "Task".equals(missing.getResourceType()) && completed(missing.getResourceId()));
    }
    Matcher task = exception.getMessage() == null ? null : TASK_ACTION.matcher(exception.getMessage());
    return task != null && task.find() && completed(task.group(1));
  }

  /** Asked as the engine: the caller may not read task history, yet deserves to know what happened. */
  private boolean completed(String taskId) {
    if (taskId == null) {
      return false;
    }
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0;
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  static Response conflict() {
    return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "Conflict", "message", MESSAGE)).build();
  }

  @Priority(1)
  static class RestConflicts implements ExceptionMapper<RestException> {

    private final EngineRestConflicts conflicts;
    private final RestExceptionHandler camunda = new RestExceptionHandler();
    RestConflicts(EngineRestConflicts conflicts) {
      this.conflicts = conflicts;
    }

    @Override
    public Response toResponse(RestException exception) {
      return conflicts.isConflict(exception) ? conflict() : camunda.toResponse(exception);
    }
  }

  @Priority(1)
  static class EngineConflicts implements ExceptionMapper<ProcessEngineException> {

    private final EngineRestConflicts conflicts;
    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();
    EngineConflicts(EngineRestConflicts conflicts) {
      this.conflicts = conflicts;
    }

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return conflicts.isConflict(exception) ? conflict() : camunda.toResponse(exception);
    }
  }
}
