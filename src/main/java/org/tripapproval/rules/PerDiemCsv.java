package org.tripapproval.rules;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.tripapproval.csv.CsvUpload;
import org.tripapproval.rules.PerDiemTables.Rate;
import org.tripapproval.rules.PerDiemTables.Standard;
import org.tripapproval.trip.Countries;

/**
 * Reads finance's CSV files of per-diem standards and exchange rates: every bad line is named with
 * its number and reason, and a file with one is refused whole.
 */
final class PerDiemCsv {

  static final List<String> STANDARD_COLUMNS =
      List.of("country", "city", "currency", "lodging", "meals", "incidentals");
  static final List<String> RATE_COLUMNS = List.of("currency", "yuan_per_unit");

  private static final Set<String> COUNTRY_CODES =
      Countries.all().stream().map(words -> words.code()).collect(Collectors.toUnmodifiableSet());
  private static final Set<String> CURRENCY_CODES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toUnmodifiableSet());

  private PerDiemCsv() {}

  static List<Standard> standards(String csv) {
    Set<String> seen = new HashSet<>();
    List<Standard> rows =
        CsvUpload.read(
            csv,
            STANDARD_COLUMNS,
            line -> {
              String country = line.get("country").toUpperCase(Locale.ROOT);
              String city = line.get("city");
              if (!COUNTRY_CODES.contains(country)) {
                line.problem(
                    "country",
                    "不是ISO 3166-1两字母国家或地区代码 / "
                        + line.get("country")
                        + " is not an ISO 3166-1 alpha-2 country or region code");
              } else if (!seen.add(country + "/" + PerDiemTables.key(city))) {
                line.problem(
                    "city",
                    "重复:同一国家或城市只能有一行 / "
                        + (city.isEmpty() ? country : country + " " + city)
                        + " appears twice");
              }
              if (city.length() > 100) {
                line.problem("city", "不超过100字 / at most 100 characters");
              }
              String currency = currency(line);
              BigDecimal lodging = amount(line, "lodging", 2);
              BigDecimal meals = amount(line, "meals", 2);
              BigDecimal incidentals = amount(line, "incidentals", 2);
              return new Standard(country, city, currency, lodging, meals, incidentals);
            });
    if (rows.isEmpty()) {
      throw new CsvUpload.InvalidCsvException(List.of("line 2: 标准为空 / the table has no rows"));
    }
    return rows;
  }

  static List<Rate> rates(String csv) {
    Set<String> seen = new HashSet<>();
    List<Rate> rows =
        CsvUpload.read(
            csv,
            RATE_COLUMNS,
            line -> {
              String currency = currency(line);
              if (PerDiemTables.YUAN.equals(currency)) {
                line.problem("currency", "人民币无需汇率 / the yuan needs no rate");
              } else if (currency != null && !seen.add(currency)) {
                line.problem("currency", "重复 / " + currency + " appears twice");
              }
              BigDecimal rate = amount(line, "yuan_per_unit", 6);
              if (rate != null && rate.signum() == 0) {
                line.problem("yuan_per_unit", "须大于0 / must be more than 0");
              }
              return new Rate(currency, rate);
            });
    if (rows.isEmpty()) {
      throw new CsvUpload.InvalidCsvException(List.of("line 2: 汇率为空 / the table has no rows"));
    }
    return rows;
  }

  private static String currency(CsvUpload.Line line) {
    String currency = line.get("currency").toUpperCase(Locale.ROOT);
    if (!CURRENCY_CODES.contains(currency)) {
      line.problem(
          "currency",
          "不是ISO 4217币种代码 / " + line.get("currency") + " is not an ISO 4217 currency code");
      return null;
    }
    return currency;
  }

  /** A number of at most {@code decimals} places, not negative; null (and a problem) otherwise. */
  private static BigDecimal amount(CsvUpload.Line line, String column, int decimals) {
    String text = line.get(column);
    BigDecimal amount;
    try {
      amount = new BigDecimal(text);
    } catch (NumberFormatException notANumber) {
      line.problem(column, "须为数字 / " + (text.isEmpty() ? "is empty" : text + " is not a number"));
      return null;
    }
    if (amount.signum() < 0) {
      line.problem(column, "不能为负数 / must not be negative");
      return null;
    }
    if (amount.scale() > decimals || amount.precision() - amount.scale() > 10) {
      line.problem(
          column,
          "最多10位整数、"
              + decimals
              + "位小数 / at most 10 digits before the point and "
              + decimals
              + " after it");
      return null;
    }
    return amount;
  }
}
