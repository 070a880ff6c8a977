package org.tripapproval.calendar;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tripapproval.csv.CsvUpload;

/**
 * Working days (工作日): Monday to Friday, except the public holidays, plus the weekend days worked
 * instead (调休), as an administrator loads them each year from the State Council's notice ({@code
 * PUT /api/calendar/{year}}, CSV {@code date,kind,name}). A year without a calendar loaded counts
 * Monday to Friday only.
 */
@Service
public class WorkingDays {

  public static final List<String> COLUMNS = List.of("date", "kind", "name");

  public record CalendarDay(LocalDate date, String kind, String name) {}

  /**
   * Each year's exceptions as read (true for a working day), re-read after a minute: another node
   * may have loaded a calendar.
   */
  private record Cached(Map<LocalDate, Boolean> exceptions, long readAt) {}

  private static final long FRESH_NANOS = 60_000_000_000L;

  /** A year's calendar was loaded; published in the loading transaction. */
  public record Loaded(int year) {}

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final Map<Integer, Cached> years = new ConcurrentHashMap<>();

  WorkingDays(JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /**
   * Whether the year has a calendar: at least one holiday or 调休 day loaded (every year has its
   * public holidays, so a year without any is a year whose notice was never loaded).
   */
  public boolean isLoaded(int year) {
    return !exceptionsOf(year).isEmpty();
  }

  /** The years from the first day's to the second's that have no calendar loaded, in order. */
  public List<Integer> yearsWithoutCalendar(LocalDate from, LocalDate to) {
    List<Integer> missing = new ArrayList<>();
    for (int year = from.getYear(); year <= to.getYear(); year++) {
      if (!isLoaded(year)) {
        missing.add(year);
      }
    }
    return missing;
  }

  public boolean isWorkingDay(LocalDate day) {
    Boolean exception = exceptionsOf(day.getYear()).get(day);
    if (exception != null) {
      return exception;
    }
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** The n-th working day after the given day (the day itself not counted). */
  public LocalDate plusWorkingDays(LocalDate from, int n) {
    LocalDate day = from;
    for (int counted = 0; counted < n; ) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }

  /** The n-th working day before the given day (the day itself not counted). */
  public LocalDate minusWorkingDays(LocalDate from, int n) {
    LocalDate day = from;
    for (int counted = 0; counted < n; ) {
      day = day.minusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }

  /**
   * The working days after the first day up to and including the second, the inverse of {@link
   * #plusWorkingDays}: 0 on the same day, 1 from a Friday to the Monday after; 0 when the second
   * day is not after the first.
   */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int counted = 0;
    for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return counted;
  }

  /** The day itself when it is a working day, else the next working day. */
  public LocalDate onOrAfter(LocalDate day) {
    LocalDate working = day;
    while (!isWorkingDay(working)) {
      working = working.plusDays(1);
    }
    return working;
  }

  public List<CalendarDay> of(int year) {
    return jdbc.query(
        "SELECT calendar_day, kind, name FROM work_calendar_day WHERE calendar_day >= ? AND calendar_day <= ?"
            + " ORDER BY calendar_day",
        (row, i) ->
            new CalendarDay(row.getDate(1).toLocalDate(), row.getString(2), row.getString(3)),
        Date.valueOf(LocalDate.of(year, 1, 1)),
        Date.valueOf(LocalDate.of(year, 12, 31)));
  }

  /** Replaces the year's exceptions with the CSV's; a wrong file changes nothing. */
  @Transactional
  public int load(int year, String csv) {
    List<CalendarDay> exceptions = parse(year, csv);
    jdbc.update(
        "DELETE FROM work_calendar_day WHERE calendar_day >= ? AND calendar_day <= ?",
        Date.valueOf(LocalDate.of(year, 1, 1)),
        Date.valueOf(LocalDate.of(year, 12, 31)));
    for (CalendarDay exception : exceptions) {
      jdbc.update(
          "INSERT INTO work_calendar_day (calendar_day, kind, name) VALUES (?, ?, ?)",
          Date.valueOf(exception.date()),
          exception.kind(),
          exception.name());
    }
    years.remove(year);
    events.publishEvent(new Loaded(year));
    return exceptions.size();
  }

  static List<CalendarDay> parse(int year, String csv) {
    Set<LocalDate> seen = new HashSet<>();
    return CsvUpload.read(
        csv,
        COLUMNS,
        line -> {
          LocalDate date = null;
          try {
            date = LocalDate.parse(line.get("date"));
          } catch (DateTimeParseException e) {
            line.problem("date", "须为日期 YYYY-MM-DD / must be a date YYYY-MM-DD");
          }
          if (date != null && date.getYear() != year) {
            line.problem("date", "不在" + year + "年 / is not in " + year);
          } else if (date != null && !seen.add(date)) {
            line.problem("date", "重复 / " + date + " appears twice");
          }
          String kind = line.get("kind");
          if (!kind.equals("HOLIDAY") && !kind.equals("WORKDAY")) {
            line.problem("kind", "须为 HOLIDAY 或 WORKDAY / must be HOLIDAY or WORKDAY");
          }
          String name = line.get("name");
          if (name.isEmpty() || name.length() > 100) {
            line.problem("name", "必填,不超过100字 / is required, at most 100 characters");
          }
          return new CalendarDay(date, kind, name);
        });
  }

  private Map<LocalDate, Boolean> exceptionsOf(int year) {
    Cached cached = years.get(year);
    if (cached == null || System.nanoTime() - cached.readAt() > FRESH_NANOS) {
      Map<LocalDate, Boolean> exceptions = new HashMap<>();
      of(year).forEach(day -> exceptions.put(day.date(), "WORKDAY".equals(day.kind())));
      cached = new Cached(Map.copyOf(exceptions), System.nanoTime());
      years.put(year, cached);
    }
    return cached.exceptions();
  }
}
