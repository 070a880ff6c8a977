package org.tripapproval.rules;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tripapproval.refusal.InvalidParameterException;

/**
 * The per-diem standards (财行〔2013〕516号 附件: lodging per night, meals and incidentals per day, per
 * person, by country and optionally city) and the exchange rates (yuan per unit), as finance loads
 * them from CSV. Each load is a version with the day it applies from; versions are kept, never
 * replaced, so that every comparison can be traced to the rows it used. The rule check uses the
 * versions in force on a trip's departure day.
 */
@Service
public class PerDiemTables {

  public static final String STANDARDS_LOADED = "perDiem.standards.loaded";
  public static final String RATES_LOADED = "perDiem.rates.loaded";
  static final String YUAN = "CNY";
  private static final String VERSION_LABEL = "[\\p{L}\\p{N}._-]{1,64}";

  /**
   * One line of the standards; {@code city} is empty for the whole country, or the city's names
   * separated by "/" (首尔/Seoul).
   */
  public record Standard(
      String country,
      String city,
      String currency,
      BigDecimal lodging,
      BigDecimal meals,
      BigDecimal incidentals) {}

  public record Rate(String currency, BigDecimal yuanPerUnit) {}

  /** A loaded version of either table. */
  public record Version(
      String version, LocalDate appliesFrom, Instant loadedAt, String loadedBy, int rows) {}

  /**
   * A version was loaded ({@code event} says of which table); published in the loading transaction,
   * for the system's trail.
   */
  public record Loaded(String event, Version version) {}

  /** The standards of one version; version empty and no rows where none is in force. */
  record Standards(String version, Map<String, List<Standard>> byCountry) {

    static final Standards NONE = new Standards("", Map.of());

    /**
     * The row of the city the trip names where the table has one, else the country's row; empty
     * where neither is there.
     */
    Optional<Standard> of(String country, String city) {
      List<Standard> rows = byCountry.getOrDefault(country, List.of());
      Set<String> names = cityNames(city);
      return rows.stream()
          .filter(row -> !row.city().isEmpty())
          .filter(
              row ->
                  Arrays.stream(row.city().split("/"))
                      .map(PerDiemTables::key)
                      .anyMatch(names::contains))
          .findFirst()
          .or(() -> rows.stream().filter(row -> row.city().isEmpty()).findFirst());
    }
  }

  /** The rates of one version; version empty and no rates where none is in force. */
  record Rates(String version, Map<String, BigDecimal> yuanPerUnit) {

    static final Rates NONE = new Rates("", Map.of());

    Optional<BigDecimal> of(String currency) {
      return YUAN.equals(currency)
          ? Optional.of(BigDecimal.ONE)
          : Optional.ofNullable(yuanPerUnit.get(currency));
    }
  }

  private enum Kind {
    STANDARDS("per_diem_standard_version", STANDARDS_LOADED),
    RATES("exchange_rate_version", RATES_LOADED);

    private final String versionTable;
    private final String event;

    Kind(String versionTable, String event) {
      this.versionTable = versionTable;
      this.event = event;
    }
  }

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  /** A version's rows never change once loaded, so they are read once. */
  private final Map<String, Standards> standardsByVersion = new ConcurrentHashMap<>();

  private final Map<String, Rates> ratesByVersion = new ConcurrentHashMap<>();

  PerDiemTables(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /** Loads a new version of the standards; a wrong file or version changes nothing. */
  @Transactional
  public Version loadStandards(String version, String appliesFrom, String csv, String loadedBy) {
    LocalDate from = newVersion(Kind.STANDARDS, version, appliesFrom);
    List<Standard> rows = PerDiemCsv.standards(csv);
    Instant now = insertVersion(Kind.STANDARDS, version, from, loadedBy);
    for (Standard row : rows) {
      jdbc.update(
          "INSERT INTO per_diem_standard (version, country, city, currency, lodging, meals,"
              + " incidentals) VALUES (?, ?, ?, ?, ?, ?, ?)",
          version,
          row.country(),
          row.city(),
          row.currency(),
          row.lodging(),
          row.meals(),
          row.incidentals());
    }
    return trailed(Kind.STANDARDS, new Version(version, from, now, loadedBy, rows.size()));
  }

  /** Loads a new version of the exchange rates; a wrong file or version changes nothing. */
  @Transactional
  public Version loadRates(String version, String appliesFrom, String csv, String loadedBy) {
    LocalDate from = newVersion(Kind.RATES, version, appliesFrom);
    List<Rate> rows = PerDiemCsv.rates(csv);
    Instant now = insertVersion(Kind.RATES, version, from, loadedBy);
    for (Rate row : rows) {
      jdbc.update(
          "INSERT INTO exchange_rate (version, currency, cny_per_unit) VALUES (?, ?, ?)",
          version,
          row.currency(),
          row.yuanPerUnit());
    }
    return trailed(Kind.RATES, new Version(version, from, now, loadedBy, rows.size()));
  }

  public List<Version> standardVersions() {
    return versions(Kind.STANDARDS, "per_diem_standard");
  }

  public List<Version> rateVersions() {
    return versions(Kind.RATES, "exchange_rate");
  }

  /** The rows of a version, or empty when there is no such version. */
  public Optional<List<Standard>> standards(String version) {
    return exists(Kind.STANDARDS, version)
        ? Optional.of(
            standardsOf(version).byCountry().values().stream().flatMap(List::stream).toList())
        : Optional.empty();
  }

  public Optional<List<Rate>> rates(String version) {
    return exists(Kind.RATES, version)
        ? Optional.of(
            ratesOf(version).yuanPerUnit().entrySet().stream()
                .map(rate -> new Rate(rate.getKey(), rate.getValue()))
                .toList())
        : Optional.empty();
  }

  /** The standards in force on the day: the version that applies from the latest day up to it. */
  Standards standardsOn(LocalDate day) {
    return inForce(Kind.STANDARDS, day).map(this::standardsOf).orElse(Standards.NONE);
  }

  Rates ratesOn(LocalDate day) {
    return inForce(Kind.RATES, day).map(this::ratesOf).orElse(Rates.NONE);
  }

  /** A city's names as a trip may write them: whole, or one of its parts (东京 Tokyo). */
  private static Set<String> cityNames(String city) {
    Set<String> names = new HashSet<>();
    if (city == null || city.isBlank()) {
      return names;
    }
    names.add(key(city));
    Arrays.stream(city.split("[\\s/()（）,，、·]+")).map(PerDiemTables::key).forEach(names::add);
    names.remove("");
    return names;
  }

  static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The day a new version applies from, after checking that its label is free and no other version
   * applies from that day.
   */
  private LocalDate newVersion(Kind kind, String version, String appliesFrom) {
    if (version == null || !version.matches(VERSION_LABEL)) {
      throw new InvalidParameterException(
          "version", "须为1到64个字母、数字或 . _ - / must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (exists(kind, version)) {
      throw new InvalidParameterException(
          "version",
          "版本"
              + version
              + "已载入,不可覆盖 / version "
              + version
              + " is already loaded and is never replaced: give the new table a new version");
    }
    LocalDate from;
    try {
      from = LocalDate.parse(appliesFrom == null ? "" : appliesFrom);
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException(
          "appliesFrom", "须为日期 YYYY-MM-DD / must be a date YYYY-MM-DD");
    }
    List<String> same =
        jdbc.queryForList(
            "SELECT version FROM " + kind.versionTable + " WHERE applies_from = ?",
            String.class,
            Date.valueOf(from));
    if (!same.isEmpty()) {
      throw new InvalidParameterException(
          "appliesFrom",
          "版本"
              + same.get(0)
              + "已自"
              + from
              + "起适用 / version "
              + same.get(0)
              + " already applies from "
              + from);
    }
    return from;
  }

  private Instant insertVersion(Kind kind, String version, LocalDate from, String loadedBy) {
    Instant now = clock.instant();
    try {
      jdbc.update(
          "INSERT INTO "
              + kind.versionTable
              + " (version, applies_from, loaded_at, loaded_by) VALUES (?, ?, ?, ?)",
          version,
          Date.valueOf(from),
          Timestamp.from(now),
          loadedBy);
    } catch (DuplicateKeyException loadedMeanwhile) {
      // the same label or day loaded at the same moment by another call (a double click)
      throw new InvalidParameterException(
          "version", "同名或同一生效日期的版本刚刚已载入 / a version of this name or from this day was just loaded");
    }
    return now;
  }

  /** The load goes to the system's trail (no trip): who loaded which version for which day. */
  private Version trailed(Kind kind, Version loaded) {
    events.publishEvent(new Loaded(kind.event, loaded));
    return loaded;
  }

  private boolean exists(Kind kind, String version) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM " + kind.versionTable + " WHERE version = ?",
            Integer.class,
            version);
    return count != null && count > 0;
  }

  private Optional<String> inForce(Kind kind, LocalDate day) {
    return jdbc
        .queryForList(
            "SELECT version FROM "
                + kind.versionTable
                + " WHERE applies_from <= ? ORDER BY applies_from DESC FETCH FIRST 1 ROWS ONLY",
            String.class,
            Date.valueOf(day))
        .stream()
        .findFirst();
  }

  private List<Version> versions(Kind kind, String rowTable) {
    return jdbc.query(
        "SELECT v.version, v.applies_from, v.loaded_at, v.loaded_by,"
            + " (SELECT COUNT(*) FROM "
            + rowTable
            + " r WHERE r.version = v.version)"
            + " FROM "
            + kind.versionTable
            + " v ORDER BY v.applies_from",
        (row, i) ->
            new Version(
                row.getString(1),
                row.getDate(2).toLocalDate(),
                row.getTimestamp(3).toInstant(),
                row.getString(4),
                row.getInt(5)));
  }

  private Standards standardsOf(String version) {
    return standardsByVersion.computeIfAbsent(
        version,
        v -> {
          Map<String, List<Standard>> byCountry = new LinkedHashMap<>();
          jdbc.query(
              "SELECT country, city, currency, lodging, meals, incidentals FROM per_diem_standard"
                  + " WHERE version = ? ORDER BY country, city",
              row -> {
                Standard standard =
                    new Standard(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getBigDecimal(4),
                        row.getBigDecimal(5),
                        row.getBigDecimal(6));
                byCountry.computeIfAbsent(standard.country(), c -> new ArrayList<>()).add(standard);
              },
              v);
          byCountry.replaceAll((country, rows) -> List.copyOf(rows));
          return new Standards(v, Collections.unmodifiableMap(byCountry));
        });
  }

  private Rates ratesOf(String version) {
    return ratesByVersion.computeIfAbsent(
        version,
        v -> {
          Map<String, BigDecimal> rates = new LinkedHashMap<>();
          jdbc.query(
              "SELECT currency, cny_per_unit FROM exchange_rate WHERE version = ? ORDER BY currency",
              row -> {
                rates.put(row.getString(1), row.getBigDecimal(2));
              },
              v);
          return new Rates(v, Collections.unmodifiableMap(rates));
        });
  }
}
