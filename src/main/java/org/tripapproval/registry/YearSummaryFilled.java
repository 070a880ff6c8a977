package org.tripapproval.registry;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.tripapproval.trip.TripSettings;

/**
 * Migration 19.1: fills the year summary that V19 creates from the registry rows there are. In
 * Java, not SQL, so that the days of submission and approval are taken in the application's zone
 * and read as the statistics page read them, on PostgreSQL and H2 alike. A bean: Spring Boot hands
 * it to Flyway with the settings it needs. (A database that Flyway migrates without the application
 * has no registry rows to count.)
 */
@Component
class YearSummaryFilled implements JavaMigration {

  private final TripSettings settings;

  YearSummaryFilled(TripSettings settings) {
    this.settings = settings;
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("19.1");
  }

  @Override
  public String getDescription() {
    return "year summary filled from the registry";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) {
    JdbcTemplate jdbc =
        new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
    YearSummary.on(jdbc, settings.zone()).rebuild();
  }
}
