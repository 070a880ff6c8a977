package org.tripapproval.calendar;

import java.io.IOException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The working-day calendar without Spring, for tests of pure date arithmetic: on an H2 database of
 * its own with the project's tables, the shipped calendars loaded as the application loads them
 * when it starts ({@link ShippedCalendarsTest}: that it does).
 */
public final class CalendarOnNewDatabase {

  /** 2030: New Year's Day (a Tuesday) off, Saturday 5 January worked instead. */
  public static final String CALENDAR_2030 =
      "date,kind,name\n2030-01-01,HOLIDAY,元旦 New Year\n2030-01-05,WORKDAY,元旦调休\n";

  private CalendarOnNewDatabase() {}

  public static WorkingDays workingDays() throws IOException {
    return workingDays(newDatabase());
  }

  /** A new H2 database with the project's tables (Flyway), for tests of code that reads them. */
  public static DataSource newDatabase() {
    JdbcDataSource database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:working-days-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure()
        .dataSource(database)
        .locations("classpath:db/migration")
        .table("trip_schema_history")
        .load()
        .migrate();
    return database;
  }

  /** The calendar on the given database, with the shipped years loaded as at start-up. */
  public static WorkingDays workingDays(DataSource database) throws IOException {
    WorkingDays workingDays = new WorkingDays(new JdbcTemplate(database), event -> {});
    new ShippedCalendars(workingDays).run(null);
    return workingDays;
  }
}
