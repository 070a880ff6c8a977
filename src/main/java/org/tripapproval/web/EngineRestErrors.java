package org.tripapproval.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.tripapproval.refusal.Refusal;

/**
 * Two people completing the same task at the same moment: the engine lets one win. /engine-rest
 * would answer the other with 500 (an optimistic-locking failure) or, when it came a moment later,
 * with 403 or 500 about a task that no longer exists. It is a conflict either way: 409, with a
 * message a person understands. A database out of reach is 503 with a Retry-After, as {@link
 * DatabaseOutage} answers outside JAX-RS. Everything else is answered as Camunda does.
 */
@Component
class EngineRestErrors implements ResourceConfigCustomizer {

  /** How Camunda's task resource names the task it could not complete (TaskResourceImpl). */
  private static final Pattern TASK_ACTION =
      Pattern.compile("^Cannot (?:submit task form|complete task) ([^:\\s]+):");

  private static final String MESSAGE =
      "此任务刚被他人办理或修改,请刷新后查看 / Someone else has just completed or changed this; reload to see it";

  private final HistoryService history;
  private final IdentityService identity;

  EngineRestErrors(HistoryService history, IdentityService identity) {
    this.history = history;
    this.identity = identity;
  }

  @Override
  public void customize(ResourceConfig config) {
    config.property(WebappApiOutage.ANSWERED_ELSEWHERE, true);
    config.register(new RestErrors(this));
    config.register(new EngineErrors(this));
    config.register(new TransactionErrors(this));
    config.register(new DataAccessErrors(this));
  }

  /** Our answer where the failure is one of ours to name, else Camunda's own. */
  Response answer(Throwable exception, Supplier<Response> camunda) {
    if (DatabaseOutage.isCause(exception)) {
      return unavailable();
    }
    Response refused = refusedOrNull(exception);
    if (refused != null) {
      return refused;
    }
    return isConflict(exception) ? conflict() : camunda.get();
  }

  /**
   * The project's own refusals, wherever the engine wrapped them, with their own status: a
   * submission that fails validation is 400 also on /start, where Camunda would answer 500. A 403
   * from the engine (four eyes, the approval's invariants, ADR 9) is in the trail already: the
   * header tells the edge not to write it again.
   */
  static Response refusedOrNull(Throwable exception) {
    for (Throwable cause = exception;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof Refusal refusal) {
        Response.ResponseBuilder answer =
            Response.status(refusal.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("type", refusal.type(), "message", refusal.getMessage()));
        if (refusal.status() == Response.Status.FORBIDDEN.getStatusCode()) {
          answer.header(EdgeFilters.REFUSED_HEADER, EdgeFilters.RECORDED_BY_THE_ENGINE);
        }
        return answer.build();
      }
    }
    return null;
  }

  static Response unavailable() {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
        .entity(Map.of("type", "ServiceUnavailable", "message", DatabaseOutage.MESSAGE))
        .build();
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
          .anyMatch(
              missing ->
                  "Task".equals(missing.getResourceType()) && completed(missing.getResourceId()));
    }
    Matcher task =
        exception.getMessage() == null ? null : TASK_ACTION.matcher(exception.getMessage());
    return task != null && task.find() && completed(task.group(1));
  }

  /**
   * Asked as the engine: the caller may not read task history, yet deserves to know what happened.
   */
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
    return Response.status(Response.Status.CONFLICT)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "Conflict", "message", MESSAGE))
        .build();
  }

  // one mapper per exception type Camunda maps itself, each more specific than Camunda's, so Jersey
  // picks ours

  @Priority(1)
  static class RestErrors implements ExceptionMapper<RestException> {
    private final EngineRestErrors errors;
    private final RestExceptionHandler camunda = new RestExceptionHandler();

    RestErrors(EngineRestErrors errors) {
      this.errors = errors;
    }

    @Override
    public Response toResponse(RestException exception) {
      return errors.answer(exception, () -> camunda.toResponse(exception));
    }
  }

  @Priority(1)
  static class EngineErrors implements ExceptionMapper<ProcessEngineException> {
    private final EngineRestErrors errors;
    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    EngineErrors(EngineRestErrors errors) {
      this.errors = errors;
    }

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return errors.answer(exception, () -> camunda.toResponse(exception));
    }
  }

  /** Spring's transaction manager could not get a connection to begin the command's transaction. */
  @Priority(1)
  static class TransactionErrors implements ExceptionMapper<TransactionException> {
    private final EngineRestErrors errors;
    private final ExceptionHandler camunda = new ExceptionHandler();

    TransactionErrors(EngineRestErrors errors) {
      this.errors = errors;
    }

    @Override
    public Response toResponse(TransactionException exception) {
      return errors.answer(exception, () -> camunda.toResponse(exception));
    }
  }

  @Priority(1)
  static class DataAccessErrors implements ExceptionMapper<DataAccessException> {
    private final EngineRestErrors errors;
    private final ExceptionHandler camunda = new ExceptionHandler();

    DataAccessErrors(EngineRestErrors errors) {
      this.errors = errors;
    }

    @Override
    public Response toResponse(DataAccessException exception) {
      return errors.answer(exception, () -> camunda.toResponse(exception));
    }
  }
}
