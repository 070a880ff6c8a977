package org.tripapproval.calendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Loads the working-day calendars that ship with the application ({@code calendar/<year>.csv}, from
 * the State Council's notices) into a database that has no days for that year yet. A year an
 * administrator has loaded is never overwritten.
 */
@Component
class ShippedCalendars implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ShippedCalendars.class);
  private static final Pattern YEAR_FILE = Pattern.compile("(20\\d\\d)\\.csv");

  private final WorkingDays workingDays;

  ShippedCalendars(WorkingDays workingDays) {
    this.workingDays = workingDays;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    for (Resource file :
        new PathMatchingResourcePatternResolver().getResources("classpath*:calendar/*.csv")) {
      Matcher name = YEAR_FILE.matcher(String.valueOf(file.getFilename()));
      if (name.matches()) {
        loadIfMissing(Integer.parseInt(name.group(1)), file);
      }
    }
  }

  private void loadIfMissing(int year, Resource file) {
    if (!workingDays.of(year).isEmpty()) {
      return;
    }
    try {
      int days = workingDays.load(year, file.getContentAsString(StandardCharsets.UTF_8));
      log.info(
          "Loaded the shipped working-day calendar of {}: {} holidays and adjusted working days",
          year,
          days);
    } catch (DataIntegrityViolationException another) {
      log.info("The working-day calendar of {} was loaded by another node meanwhile", year);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
