package org.tripapproval.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.tripapproval.csv.CsvUpload;

/** Reading the per-diem standards and rates from CSV, and finding a day's row. */
class PerDiemTablesTest {

  @Test
  void refusesEveryBadLineOfTheStandardsNamingItsNumberAndReason() {
    assertThatThrownBy(
            () ->
                PerDiemCsv.standards(
                    "country,city,currency,lodging,meals,incidentals\n"
                        + "JP,,JPY,20000,10000,5000\n"
                        + "XX,,USD,1,1,1\n"
                        + "JP,,JPY,1,1,1\n"
                        + "KR,首尔/Seoul,ABC,-180,70,35\n"
                        + "MN,,USD,ninety,50,\n"
                        + "JP,东京/Tokyo,JPY,25000,10000.001,5000\n"
                        + "jp,东京/tokyo,JPY,1,1,1\n"
                        + "US,,USD,1\n"))
        .isInstanceOfSatisfying(
            CsvUpload.InvalidCsvException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "line 3: country: 不是ISO 3166-1两字母国家或地区代码 / XX is not an ISO 3166-1"
                            + " alpha-2 country or region code",
                        "line 4: city: 重复:同一国家或城市只能有一行 / JP appears twice",
                        "line 5: currency: 不是ISO 4217币种代码 / ABC is not an ISO 4217 currency code",
                        "line 5: lodging: 不能为负数 / must not be negative",
                        "line 6: lodging: 须为数字 / ninety is not a number",
                        "line 6: incidentals: 须为数字 / is empty",
                        "line 7: meals: 最多10位整数、2位小数 / at most 10 digits before the point and 2"
                            + " after it",
                        "line 8: city: 重复:同一国家或城市只能有一行 / JP 东京/tokyo appears twice",
                        "line 9: 须有6列 / must have 6 columns"));
    assertThatThrownBy(() -> PerDiemCsv.standards("country,currency,lodging\nJP,JPY,1\n"))
        .isInstanceOf(CsvUpload.InvalidCsvException.class)
        .hasMessageContaining("line 1:");
    assertThatThrownBy(
            () -> PerDiemCsv.standards("country,city,currency,lodging,meals,incidentals\n"))
        .hasMessageContaining("the table has no rows");
  }

  @Test
  void refusesEveryBadLineOfTheRates() {
    assertThatThrownBy(
            () ->
                PerDiemCsv.rates(
                    "currency,yuan_per_unit\nUSD,7.1\nUSD,7.2\nCNY,1\nEUR,0\nGBP,-9\nKRW,abc\n"))
        .isInstanceOfSatisfying(
            CsvUpload.InvalidCsvException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "line 3: currency: 重复 / USD appears twice",
                        "line 4: currency: 人民币无需汇率 / the yuan needs no rate",
                        "line 5: yuan_per_unit: 须大于0 / must be more than 0",
                        "line 6: yuan_per_unit: 不能为负数 / must not be negative",
                        "line 7: yuan_per_unit: 须为数字 / abc is not a number"));
    assertThat(PerDiemCsv.rates("\uFEFFcurrency,yuan_per_unit\r\nkrw,0.0052\n"))
        .containsExactly(new PerDiemTables.Rate("KRW", new BigDecimal("0.0052")));
  }

  @Test
  void theShippedExamplesAreTheThreeOfTheRulesAndTheirRates() throws Exception {
    assertThat(PerDiemCsv.standards(shipped("per-diem/standards-example.csv")))
        .containsExactly(
            standard("MN", "", "USD", "90", "50", "35"),
            standard("KR", "", "USD", "180", "70", "35"),
            standard("JP", "", "JPY", "20000", "10000", "5000"));
    assertThat(PerDiemCsv.rates(shipped("per-diem/rates-example.csv")))
        .containsExactly(
            new PerDiemTables.Rate("USD", new BigDecimal("7.1")),
            new PerDiemTables.Rate("JPY", new BigDecimal("0.047")));
  }

  @Test
  void aCityRowWinsOverTheCountryRowWhereTheDayNamesTheCity() {
    PerDiemTables.Standard japan = standard("JP", "", "JPY", "20000", "10000", "5000");
    PerDiemTables.Standard tokyo = standard("JP", "东京/Tokyo", "JPY", "25000", "12000", "5000");
    PerDiemTables.Standards table =
        new PerDiemTables.Standards("2027", Map.of("JP", List.of(japan, tokyo)));

    assertThat(table.of("JP", "东京")).contains(tokyo);
    assertThat(table.of("JP", "tokyo")).contains(tokyo);
    assertThat(table.of("JP", "东京 Tokyo")).as("both names, as forms write them").contains(tokyo);
    assertThat(table.of("JP", "大阪 Osaka")).as("another city: the country's row").contains(japan);
    assertThat(table.of("JP", null)).as("no city named: the country's row").contains(japan);
    assertThat(table.of("US", "New York")).isEmpty();
    assertThat(
            new PerDiemTables.Standards("2027", Map.of("JP", List.of(tokyo))).of("JP", "大阪 Osaka"))
        .as("a city row does not stand for the country")
        .isEmpty();
  }

  private static PerDiemTables.Standard standard(
      String country,
      String city,
      String currency,
      String lodging,
      String meals,
      String incidentals) {
    return new PerDiemTables.Standard(
        country,
        city,
        currency,
        new BigDecimal(lodging),
        new BigDecimal(meals),
        new BigDecimal(incidentals));
  }

  private static String shipped(String path) throws Exception {
    return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
  }
}
