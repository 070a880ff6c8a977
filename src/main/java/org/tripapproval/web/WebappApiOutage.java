package org.tripapproval.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The webapps' own API (Tasklist's, Cockpit's, Admin's calls under /camunda/api) answers a database
 * out of reach as /engine-rest does: 503, Retry-After and the message to try again shortly, which
 * Tasklist shows, instead of a 500 with the driver's error. Camunda registers those applications
 * itself, so Jersey discovers this in each of them (META-INF/services); the application of
 * /engine-rest has its own mappers ({@link EngineRestErrors}) and is left alone.
 */
public class WebappApiOutage implements ForcedAutoDiscoverable {

  /** Set on the application whose errors {@link EngineRestErrors} answers. */
  static final String ANSWERED_ELSEWHERE = "trips.engine-rest-errors";

  @Override
  public void configure(FeatureContext context) {
    if (context.getConfiguration().getProperty(ANSWERED_ELSEWHERE) != null) {
      return;
    }
    context.register(new RestErrors());
    context.register(new EngineErrors());
    context.register(new TransactionErrors());
    context.register(new DataAccessErrors());
  }

  private static Response answer(Throwable exception, Supplier<Response> camunda) {
    return DatabaseOutage.isCause(exception) ? EngineRestErrors.unavailable() : camunda.get();
  }

  // one mapper per exception type Camunda maps itself, or more specific, so Jersey picks ours

  @Priority(1)
  static class RestErrors implements ExceptionMapper<RestException> {
    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      return answer(exception, () -> camunda.toResponse(exception));
    }
  }

  @Priority(1)
  static class EngineErrors implements ExceptionMapper<ProcessEngineException> {
    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return answer(exception, () -> camunda.toResponse(exception));
    }
  }

  @Priority(1)
  static class TransactionErrors implements ExceptionMapper<TransactionException> {
    private final ExceptionHandler camunda = new ExceptionHandler();

    @Override
    public Response toResponse(TransactionException exception) {
      return answer(exception, () -> camunda.toResponse(exception));
    }
  }

  @Priority(1)
  static class DataAccessErrors implements ExceptionMapper<DataAccessException> {
    private final ExceptionHandler camunda = new ExceptionHandler();

    @Override
    public Response toResponse(DataAccessException exception) {
      return answer(exception, () -> camunda.toResponse(exception));
    }
  }
}
