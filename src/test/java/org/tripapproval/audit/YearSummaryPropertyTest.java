package org.tripapproval.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tripapproval.calendar.CalendarOnNewDatabase;
import org.tripapproval.calendar.WorkingDays;
import org.tripapproval.registry.RegistryDriver;
import org.tripapproval.registry.YearSummary;
import org.tripapproval.support.TripRequestBuilder;
import org.tripapproval.trip.Decision;
import org.tripapproval.trip.ReportStatus;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripStatus;

/**
 * The year summary (V19) against a full recount: many random trips walked through random registry
 * changes (requests that move a trip to another year, unit, size or set of countries; every status
 * and report status; rejections with and without reasons; submissions and approvals on random
 * days), some outside a transaction, some several in one transaction, some in a transaction rolled
 * back. After every batch the statistics of every year, read from the summary, must equal the ones
 * counted row by row as the page counted them before; and the summary counted again from the rows
 * (the migration's and the bulk load's way) must equal the one kept change by change.
 */
class YearSummaryPropertyTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final List<String> UNITS = List.of("commerce", "education", "finance-bureau");
  static final List<String> COUNTRIES = List.of("JP", "KR", "US", "FR", "DE", "BR");
  static final List<Integer> YEARS = List.of(2024, 2025, 2026, 2027, 2028);

  /** A clock the test moves: the registry stamps approvals with it. */
  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return SHANGHAI;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void theSummaryAlwaysEqualsAFullRecount(long seed) throws Exception {
    DataSource database = CalendarOnNewDatabase.newDatabase();
    JdbcTemplate jdbc = new JdbcTemplate(database);
    NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(database);
    WorkingDays workingDays = CalendarOnNewDatabase.workingDays(database);
    MovableClock clock = new MovableClock();
    RegistryDriver registry = new RegistryDriver(jdbc, clock, SHANGHAI);
    TripStatistics summary = new TripStatistics(named, workingDays);
    TripStatisticsRecount recount = new TripStatisticsRecount(named, workingDays, clock);
    TransactionTemplate transaction =
        new TransactionTemplate(new DataSourceTransactionManager(database));
    SplittableRandom random = new SplittableRandom(seed);
    List<String> reasons = reasons();
    Map<String, Integer> yearOf = new HashMap<>();
    int movedYears = 0;
    List<TripStatistics.UnitStatistics> seen = new ArrayList<>();

    for (int batch = 0; batch < 80; batch++) {
      int kind = random.nextInt(3);
      List<Runnable> changes = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(8); i++) {
        String trip = "trip-" + random.nextInt(24);
        changes.add(change(random, registry, clock, reasons, trip));
      }
      if (kind == 0) {
        changes.forEach(Runnable::run);
      } else {
        boolean rollBack = kind == 2 && random.nextInt(3) == 0;
        transaction.executeWithoutResult(
            status -> {
              changes.forEach(Runnable::run);
              if (rollBack) {
                status.setRollbackOnly();
              }
            });
      }
      for (Map<String, Object> row :
          jdbc.queryForList(
              "SELECT process_instance_id, departure_date FROM trip_registry"
                  + " WHERE departure_date IS NOT NULL")) {
        int year = ((Date) row.get("departure_date")).toLocalDate().getYear();
        Integer before = yearOf.put((String) row.get("process_instance_id"), year);
        movedYears += before != null && before != year ? 1 : 0;
      }
      for (int year : YEARS) {
        TripStatistics.YearStatistics figures = summary.forYear(year);
        assertThat(figures)
            .as("seed %d, batch %d, year %d", seed, batch, year)
            .isEqualTo(recount.forYear(year));
        seen.addAll(figures.units());
      }
      assertThat(summary.yearsWithTrips()).isEqualTo(recount.yearsWithTrips());
    }

    List<TripStatistics.YearStatistics> kept = YEARS.stream().map(summary::forYear).toList();
    YearSummary.on(jdbc, SHANGHAI).rebuild();
    assertThat(YEARS.stream().map(summary::forYear).toList())
        .as("counted again from the rows")
        .isEqualTo(kept);

    // the walk did reach what it is meant to check, on the way
    List<TripStatistics.UnitStatistics> units = seen;
    assertThat(kept.stream().flatMap(year -> year.units().stream())).isNotEmpty();
    assertThat(movedYears).as("trips moved from one year to another").isPositive();
    assertThat(units.stream().mapToInt(TripStatistics.UnitStatistics::rejected).sum()).isPositive();
    assertThat(units.stream().mapToInt(TripStatistics.UnitStatistics::withdrawn).sum())
        .isPositive();
    assertThat(units.stream().mapToInt(TripStatistics.UnitStatistics::overdueReports).sum())
        .isPositive();
    assertThat(units.stream().mapToInt(unit -> unit.timeToApproval().trips()).sum()).isPositive();
    assertThat(units.stream().mapToInt(unit -> unit.rejectionReasons().size()).sum()).isPositive();
  }

  private static Runnable change(
      SplittableRandom random,
      RegistryDriver registry,
      MovableClock clock,
      List<String> reasons,
      String trip) {
    Instant at = randomInstant(random);
    return switch (random.nextInt(8)) {
      case 0, 1 -> () -> registry.request(trip, request(random));
      case 2 -> () -> registry.submitted(trip, "zhang.wei", at);
      case 3 ->
          () -> {
            clock.now = at;
            registry.approvalNumber(trip, "外办〔2026〕" + random.nextInt(1000) + "号");
          };
      case 4 -> {
        String reason = reasons.get(random.nextInt(reasons.size()));
        String decision = random.nextInt(4) == 0 ? "accept" : Decision.REJECT.code();
        yield () -> registry.lastDecision(trip, decision, reason);
      }
      case 5 -> {
        TripStatus status = TripStatus.values()[random.nextInt(TripStatus.values().length)];
        yield () -> registry.status(trip, status);
      }
      case 6 -> {
        ReportStatus status = ReportStatus.values()[random.nextInt(ReportStatus.values().length)];
        yield () -> registry.reportStatus(trip, status);
      }
      default -> {
        TripStatus status =
            List.of(TripStatus.CLOSED, TripStatus.REJECTED, TripStatus.WITHDRAWN, TripStatus.ENDED)
                .get(random.nextInt(4));
        yield () -> registry.ended(trip, status, at);
      }
    };
  }

  private static TripRequest request(SplittableRandom random) {
    // around the turn of a year half the time, so that trips move between years
    LocalDate departure =
        random.nextBoolean()
            ? LocalDate.of(2026, 12, 31).plusDays(random.nextInt(-20, 20))
            : LocalDate.of(2025, 1, 1).plusDays(random.nextInt(3 * 365));
    List<String> countries = new ArrayList<>(COUNTRIES);
    Collections.shuffle(countries, new Random(random.nextLong()));
    TripRequestBuilder request =
        aTrip()
            .unit(UNITS.get(random.nextInt(UNITS.size())))
            .departingOn(departure)
            .days(1 + random.nextInt(9))
            .members(1 + random.nextInt(5))
            .countries(countries.subList(0, 1 + random.nextInt(3)).toArray(String[]::new));
    return (random.nextBoolean()
            ? request.planned("2026年度计划第" + random.nextInt(9) + "项")
            : request.unplanned("临时邀请 a late invitation"))
        .build();
  }

  private static Instant randomInstant(SplittableRandom random) {
    return Instant.parse("2025-10-01T00:00:00Z").plusSeconds(random.nextLong(500L * 86_400));
  }

  /** More reasons than the page lists (10), blank ones, and one of the longest kept. */
  private static List<String> reasons() {
    List<String> reasons = new ArrayList<>();
    reasons.add("与本单位年度计划不符 not in the plan");
    reasons.add("出访必要性不足");
    reasons.add("");
    reasons.add("   ");
    reasons.add(null);
    reasons.add("理".repeat(2100));
    for (int i = 0; i < 10; i++) {
      reasons.add("预算超标 over budget " + i);
    }
    return reasons;
  }
}
