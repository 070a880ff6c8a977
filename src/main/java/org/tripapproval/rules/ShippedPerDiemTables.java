package org.tripapproval.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * Loads the example per-diem standards and rates that ship with the application ({@code
 * per-diem/*.csv}, see the README there) into a database that has no version of that table yet, so
 * that a new installation compares budgets at once. Once finance has loaded a version, nothing
 * shipped is loaded again.
 */
@Component
class ShippedPerDiemTables implements ApplicationRunner {

  static final String STANDARDS_VERSION = "example-2013-516";
  static final String RATES_VERSION = "example-rates";

  /** Early enough for every trip: the examples apply until a version of finance's takes over. */
  static final String APPLIES_FROM = "2000-01-01";

  private static final Logger log = LoggerFactory.getLogger(ShippedPerDiemTables.class);

  private final PerDiemTables tables;

  ShippedPerDiemTables(PerDiemTables tables) {
    this.tables = tables;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (tables.standardVersions().isEmpty()) {
      load(
          "per-diem standards",
          () ->
              tables.loadStandards(
                  STANDARDS_VERSION, APPLIES_FROM, read("per-diem/standards-example.csv"), null));
    }
    if (tables.rateVersions().isEmpty()) {
      load(
          "exchange rates",
          () ->
              tables.loadRates(
                  RATES_VERSION, APPLIES_FROM, read("per-diem/rates-example.csv"), null));
    }
  }

  private interface Load {
    PerDiemTables.Version run() throws IOException;
  }

  private static void load(String what, Load load) throws IOException {
    try {
      PerDiemTables.Version loaded = load.run();
      log.info(
          "Loaded the shipped example {}, version {}: {} rows",
          what,
          loaded.version(),
          loaded.rows());
    } catch (DataIntegrityViolationException | InvalidParameterException another) {
      log.info("The shipped example {} were loaded by another node meanwhile", what);
    }
  }

  private static String read(String path) throws IOException {
    return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
  }
}
