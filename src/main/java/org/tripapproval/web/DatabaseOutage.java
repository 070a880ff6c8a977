package org.tripapproval.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database cannot be reached, every request fails fast (the pool waits at most
 * DB_CONNECTION_TIMEOUT for a connection) with 503 and a Retry-After, never a hang or a 500. This
 * filter comes first, so it also answers for failures in the login and session filters; the JAX-RS
 * applications map theirs in {@link EngineRestErrors}. The pool reconnects by itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutage extends OncePerRequestFilter {

  static final String MESSAGE =
      "数据库暂时无法连接,请稍后重试 / The database cannot be reached at the moment; try again shortly";
  static final String RETRY_AFTER_SECONDS = "10";
  private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!isCause(e) || response.isCommitted()) {
        throw e;
      }
      log.warn(
          "{} {} answered 503, the database cannot be reached: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.getMessage());
      response.resetBuffer();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response
          .getWriter()
          .write("{\"type\":\"ServiceUnavailable\",\"message\":\"" + MESSAGE + "\"}");
    }
  }

  /**
   * Whether the failure is the database being out of reach (no connection, or the connection lost).
   */
  static boolean isCause(Throwable failure) {
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof ConnectException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true; // connection exception; PostgreSQL shutting down or not yet accepting
        // connections
      }
      // the rollback on a lost connection fails too and hides the first failure, which it keeps
      if (cause instanceof TransactionSystemException rollback
          && rollback.getApplicationException() != null
          && isCause(rollback.getApplicationException())) {
        return true;
      }
    }
    return false;
  }
}
