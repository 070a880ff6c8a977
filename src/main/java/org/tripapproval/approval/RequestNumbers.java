package org.tripapproval.approval;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.stereotype.Service;

/**
 * Request numbers (申请编号), the trip's business key from its submission on: {@code 省商务厅-2026-0012},
 * the unit's short name, the year of submission (in the configured zone) and a sequence per short
 * name and year. The year is the submission's, not the departure's: the number is given once, and a
 * revision may move the departure into another year.
 *
 * <p>A number is taken in a short transaction of its own, on a small connection pool of its own:
 * the counter row is locked for the moment of the increment only, so submissions of one unit, on
 * any node, do not wait for each other's whole submission. Counting in the submission's transaction
 * would leave no gap, but it held the row until the submission committed: every submission of the
 * unit queued behind it, each holding a pooled connection, and under the several-nodes load (16
 * clients of one unit) the pools ran dry and requests failed with 503. So a submission that fails
 * after it was numbered (the request was valid, something later was not) leaves its number unused:
 * {@code request_number} keeps it with the id of the trip that never started, so every gap is
 * accounted for. A number is never given twice: the increment is atomic and the unique keys refuse
 * a second number for a trip or a number twice.
 */
@Service
class RequestNumbers implements DisposableBean {

  private static final String UNIQUE_VIOLATION = "23505";

  private final HikariDataSource numbering;
  private final Clock clock;

  RequestNumbers(
      DataSourceProperties database,
      @Value("${spring.datasource.hikari.connection-timeout:3000}") long connectionTimeout,
      Clock clock) {
    this.numbering = numberingPool(database, connectionTimeout);
    this.clock = clock;
  }

  /**
   * Two connections per node: a number takes milliseconds, and the submissions' own pool keeps
   * every connection it has.
   */
  private static HikariDataSource numberingPool(
      DataSourceProperties database, long connectionTimeout) {
    HikariDataSource pool =
        database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    pool.setPoolName("request-numbers");
    pool.setMaximumPoolSize(2);
    pool.setMinimumIdle(0);
    pool.setConnectionTimeout(connectionTimeout);
    return pool;
  }

  @Override
  public void destroy() {
    numbering.close();
  }

  /** The trip's number: the one it has, or the next of its unit's short name this year. */
  String assign(String processInstanceId, String unit, String unitShortName) {
    try (Connection connection = numbering.getConnection()) {
      connection.setAutoCommit(false);
      try {
        String number = assign(connection, processInstanceId, unit, unitShortName);
        connection.commit();
        return number;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      DataAccessException translated =
          new SQLExceptionSubclassTranslator().translate("request number", null, e);
      throw translated != null
          ? translated
          : new UncategorizedSQLException("request number", null, e);
    }
  }

  private String assign(
      Connection connection, String processInstanceId, String unit, String unitShortName)
      throws SQLException {
    String existing =
        text(
            connection,
            "SELECT request_number FROM request_number WHERE process_instance_id = ?",
            processInstanceId);
    if (existing != null) {
      return existing;
    }
    LocalDateTime now = LocalDateTime.now(clock);
    int year = now.getYear();
    for (int attempt = 0; increment(connection, unitShortName, year) == 0; attempt++) {
      if (attempt == 3) {
        throw new IllegalStateException("no request counter for " + unitShortName + " " + year);
      }
      startCounting(connection, unitShortName, year);
    }
    int next =
        Integer.parseInt(
            text(
                connection,
                "SELECT last_number FROM request_counter WHERE unit_prefix = ? AND request_year = ?",
                unitShortName,
                year));
    String number = format(unitShortName, year, next);
    update(
        connection,
        "INSERT INTO request_number (unit_prefix, request_year, sequence_number, request_number,"
            + " unit, process_instance_id, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        unitShortName,
        year,
        next,
        number,
        unit,
        processInstanceId,
        Timestamp.valueOf(now));
    return number;
  }

  static String format(String unitShortName, int year, int sequence) {
    return String.format("%s-%d-%04d", unitShortName, year, sequence);
  }

  private static int increment(Connection connection, String unitShortName, int year)
      throws SQLException {
    return update(
        connection,
        "UPDATE request_counter SET last_number = last_number + 1"
            + " WHERE unit_prefix = ? AND request_year = ?",
        unitShortName,
        year);
  }

  /**
   * The first number of a short name in a year: its counter row. A node that started counting at
   * the same moment has created it (PostgreSQL waits for that one to commit, then refuses the
   * duplicate): back to the savepoint, and that row is counted on.
   */
  private static void startCounting(Connection connection, String unitShortName, int year)
      throws SQLException {
    Savepoint before = connection.setSavepoint();
    try {
      update(
          connection,
          "INSERT INTO request_counter (unit_prefix, request_year, last_number) VALUES (?, ?, 0)",
          unitShortName,
          year);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(before);
    }
  }

  private static int update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = prepared(connection, sql, values)) {
      return statement.executeUpdate();
    }
  }

  private static String text(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = prepared(connection, sql, values);
        ResultSet row = statement.executeQuery()) {
      return row.next() ? row.getString(1) : null;
    }
  }

  private static PreparedStatement prepared(Connection connection, String sql, Object... values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
