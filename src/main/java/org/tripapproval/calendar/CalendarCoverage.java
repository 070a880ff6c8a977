package org.tripapproval.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Which years' working-day calendars the office needs now and does not have: always this year's,
 * and from December on next year's too, while trips departing around next year's Spring Festival
 * are already submitted and their windows counted. A year without a calendar counts Monday to
 * Friday only, so every deadline in it is provisional until its calendar is loaded.
 */
@Service
public class CalendarCoverage {

  /** The years needed and not loaded, with what to tell the people who can load them. */
  public record Coverage(List<Integer> missing, String warning) {}

  private final Clock clock;
  private final WorkingDays workingDays;

  CalendarCoverage(Clock clock, WorkingDays workingDays) {
    this.clock = clock;
    this.workingDays = workingDays;
  }

  public Coverage now() {
    return on(LocalDate.now(clock));
  }

  /** The coverage as it is on the given day. */
  public Coverage on(LocalDate today) {
    List<Integer> needed = new ArrayList<>(List.of(today.getYear()));
    if (today.getMonth() == Month.DECEMBER) {
      needed.add(today.getYear() + 1);
    }
    // read from the database, not the working days' cache: exact, whichever node loaded it
    List<Integer> missing = needed.stream().filter(year -> workingDays.of(year).isEmpty()).toList();
    return new Coverage(missing, missing.isEmpty() ? null : warning(missing));
  }

  /** The warning for the years without a calendar, in Chinese, then in English. */
  public static String warning(List<Integer> years) {
    String zh = String.join("、", years.stream().map(year -> year + "年").toList());
    String en = String.join(", ", years.stream().map(String::valueOf).toList());
    return zh
        + "工作日历尚未载入:期限暂按周一至周五计算,载入后自动更正。 / The working-day calendar of "
        + en
        + " is not loaded: deadlines are counted Monday to Friday for now and are corrected when it"
        + " is loaded.";
  }
}
