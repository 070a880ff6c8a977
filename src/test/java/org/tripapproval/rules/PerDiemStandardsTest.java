package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tripapproval.support.TripRequestBuilder.aTrip;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.tripapproval.csv.CsvUpload;
import org.tripapproval.refusal.InvalidParameterException;
import org.tripapproval.trip.TripRequest;
import org.tripapproval.trip.TripRequest.BudgetCategory;
import org.tripapproval.trip.TripRequest.BudgetItem;

/**
 * The per-diem standards as data: the shipped examples at first start, versions by the departure
 * day, a city's row over its country's, the versions named in the finding, a bad file refused
 * whole.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext // versions loaded here apply to every later trip of this database
class PerDiemStandardsTest {

  private static final String STANDARDS =
      "country,city,currency,lodging,meals,incidentals\n"
          + "JP,,JPY,20000,10000,5000\n"
          + "JP,东京/Tokyo,JPY,30000,10000,5000\n";

  @Autowired PerDiemTables tables;
  @Autowired TripRules rules;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theShippedExamplesAreLoadedAtFirstStartAndTrailed() {
    assertThat(tables.standardVersions())
        .extracting(PerDiemTables.Version::version, PerDiemTables.Version::rows)
        .containsExactly(Tuple.tuple("example-2013-516", 3));
    assertThat(tables.rateVersions())
        .extracting(PerDiemTables.Version::version)
        .containsExactly("example-rates");
    assertThat(
            jdbc.queryForList(
                "SELECT event FROM audit_trail WHERE process_instance_id IS NULL AND event LIKE 'perDiem.%'",
                String.class))
        .contains("perDiem.standards.loaded", "perDiem.rates.loaded");
  }

  @Test
  void aTripIsJudgedByTheVersionInForceOnItsDepartureAndACityRowWins() {
    LocalDate newer = LocalDate.of(2031, 4, 1);
    tables.loadStandards("2031-04", newer.toString(), STANDARDS, "liu.yang");

    // two members, four days (three nights): the example's JPY 20000 a night is CNY 5640
    TripRequest before = aTrip().departingOn(newer.minusDays(4)).budget(lodging("5641")).build();
    assertThat(rules.check(before, true, null))
        .as("departing before the newer version's day: the example still applies")
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.message()).contains("CNY 5641 exceeds the standard of CNY 5640");
              assertThat(finding.standards()).contains("example-2013-516");
            });

    TripRequest osaka = aTrip().departingOn(newer).budget(lodging("5641")).build();
    assertThat(rules.check(osaka, true, null))
        .as("from the newer version's day: its country row (the same figure) applies")
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.message()).contains("standards 2031-04, rates example-rates");
              assertThat(finding.standards())
                  .isEqualTo("开支标准 Standards 2031-04 · 汇率 Rates example-rates");
            });

    TripRequest tokyo =
        inCity(aTrip().departingOn(newer).budget(lodging("5641")).build(), "东京 Tokyo");
    assertThat(rules.check(tokyo, true, null))
        .as("Tokyo's row (JPY 30000, CNY 8460) where the trip names the city")
        .isEmpty();
    assertThat(
            rules.check(
                inCity(aTrip().departingOn(newer).budget(lodging("8461")).build(), "东京"),
                true,
                null))
        .extracting(RuleFinding::message)
        .singleElement()
        .asString()
        .contains("CNY 8461 exceeds the standard of CNY 8460");
  }

  @Test
  void aBadFileOrAVersionAlreadyLoadedChangesNothing() {
    List<PerDiemTables.Version> before = tables.standardVersions();
    assertThatThrownBy(
            () ->
                tables.loadStandards(
                    "2032-01",
                    "2032-01-01",
                    "country,city,currency,lodging,meals,incidentals\n"
                        + "JP,,JPY,20000,10000,5000\n"
                        + "ZZ,,JPY,1,1,1\n"
                        + "KR,,USD,-5,x,1\n",
                    "liu.yang"))
        .isInstanceOfSatisfying(
            CsvUpload.InvalidCsvException.class,
            e ->
                assertThat(e.errors())
                    .hasSize(3)
                    .anySatisfy(error -> assertThat(error).startsWith("line 3: country:"))
                    .anySatisfy(error -> assertThat(error).startsWith("line 4: lodging:"))
                    .anySatisfy(error -> assertThat(error).startsWith("line 4: meals:")));
    assertThatThrownBy(
            () -> tables.loadStandards("example-2013-516", "2033-01-01", STANDARDS, "liu.yang"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("never replaced");
    assertThatThrownBy(() -> tables.loadStandards("other", "2000-01-01", STANDARDS, "liu.yang"))
        .as("two versions from one day")
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("already applies from 2000-01-01");
    assertThatThrownBy(
            () ->
                tables.loadRates(
                    "2032-01", "January", "currency,yuan_per_unit\nUSD,7\n", "liu.yang"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("appliesFrom");
    assertThat(tables.standardVersions()).isEqualTo(before);
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM per_diem_standard WHERE version = '2032-01'", Integer.class))
        .isZero();
    assertThat(tables.rateVersions())
        .extracting(PerDiemTables.Version::version)
        .doesNotContain("2032-01");
  }

  private static TripRequest inCity(TripRequest trip, String city) {
    return aTrip()
        .departingOn(trip.departureDate())
        .budget(trip.budget().toArray(BudgetItem[]::new))
        .itinerary(
            trip.itinerary().stream()
                .map(
                    day ->
                        new TripRequest.ItineraryDay(
                            day.date(), day.country(), city, day.activity(), day.counterpart()))
                .toList())
        .build();
  }

  private static BudgetItem lodging(String amount) {
    return new BudgetItem(
        "住宿费 lodging", new BigDecimal(amount), "部门预算 unit budget", BudgetCategory.lodging);
  }
}
