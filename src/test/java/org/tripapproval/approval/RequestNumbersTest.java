package org.tripapproval.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Request numbers on the project's own tables (H2, migrated by Flyway as the application is):
 * format, a sequence per unit's short name and year of submission, once per trip, taken in a
 * transaction of their own.
 */
class RequestNumbersTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private final List<RequestNumbers> made = new ArrayList<>();
  private String url;
  private DriverManagerDataSource database;
  private DataSourceTransactionManager transactions;

  @BeforeEach
  void newDatabase() {
    url = "jdbc:h2:mem:request-numbers-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    database = new DriverManagerDataSource(url, "sa", "");
    Flyway.configure()
        .dataSource(database)
        .locations("classpath:db/migration")
        .table("trip_schema_history")
        .load()
        .migrate();
    transactions = new DataSourceTransactionManager(database);
  }

  @AfterEach
  void closePools() {
    made.forEach(RequestNumbers::destroy);
  }

  /** As the application makes it: its own pool, to the database the application uses. */
  private RequestNumbers numbersAt(String instant) {
    DataSourceProperties application = new DataSourceProperties();
    application.setUrl(url);
    application.setUsername("sa");
    application.setPassword("");
    RequestNumbers numbers =
        new RequestNumbers(application, 3000, Clock.fixed(Instant.parse(instant), SHANGHAI));
    made.add(numbers);
    return numbers;
  }

  @Test
  void writesTheShortNameTheYearAndFourDigits() {
    assertThat(RequestNumbers.format("省商务厅", 2027, 12)).isEqualTo("省商务厅-2027-0012");
    assertThat(RequestNumbers.format("commerce", 2026, 1)).isEqualTo("commerce-2026-0001");
    assertThat(RequestNumbers.format("省商务厅", 2027, 12345)).isEqualTo("省商务厅-2027-12345");
  }

  @Test
  void countsPerUnitAndYearOfSubmissionInTheConfiguredZone() {
    RequestNumbers in2026 = numbersAt("2026-06-01T02:00:00Z");
    assertThat(in2026.assign("trip-1", "commerce", "省商务厅")).isEqualTo("省商务厅-2026-0001");
    assertThat(in2026.assign("trip-2", "commerce", "省商务厅")).isEqualTo("省商务厅-2026-0002");
    assertThat(in2026.assign("trip-3", "education", "省教育厅")).isEqualTo("省教育厅-2026-0001");
    assertThat(in2026.assign("trip-4", "commerce", "省商务厅")).isEqualTo("省商务厅-2026-0003");

    // 16:30 UTC on New Year's Eve is already the new year in Shanghai
    RequestNumbers newYear = numbersAt("2026-12-31T16:30:00Z");
    assertThat(newYear.assign("trip-5", "commerce", "省商务厅")).isEqualTo("省商务厅-2027-0001");
    assertThat(newYear.assign("trip-6", "education", "省教育厅")).isEqualTo("省教育厅-2027-0001");
  }

  @Test
  void aTripKeepsItsNumber() {
    RequestNumbers numbers = numbersAt("2026-06-01T02:00:00Z");
    String first = numbers.assign("trip-1", "commerce", "省商务厅");

    assertThat(numbers.assign("trip-1", "commerce", "省商务厅")).isEqualTo(first);
    assertThat(numbers.assign("trip-2", "commerce", "省商务厅")).isEqualTo("省商务厅-2026-0002");
  }

  @Test
  void takesANumberInATransactionOfItsOwnThatAFailedSubmissionDoesNotUndo() {
    RequestNumbers numbers = numbersAt("2026-06-01T02:00:00Z");
    numbers.assign("trip-1", "commerce", "省商务厅");

    new TransactionTemplate(transactions)
        .executeWithoutResult(
            failed -> {
              assertThat(numbers.assign("failed", "commerce", "省商务厅")).isEqualTo("省商务厅-2026-0002");
              failed.setRollbackOnly();
            });

    assertThat(numbers.assign("trip-2", "commerce", "省商务厅")).isEqualTo("省商务厅-2026-0003");
    // the unused number is accounted for, with the trip that never started
    assertThat(
            new JdbcTemplate(database)
                .queryForObject(
                    "SELECT process_instance_id FROM request_number WHERE request_number = ?",
                    String.class,
                    "省商务厅-2026-0002"))
        .isEqualTo("failed");
  }
}
