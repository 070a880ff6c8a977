package org.tripapproval.trip;

import java.util.Arrays;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/**
 * Country and region names for ISO 3166 codes, in Simplified Chinese and English, from the JDK's
 * CLDR locale data (kept by the Unicode consortium and updated with each JDK) rather than a list of
 * our own.
 */
public final class Countries {

  private Countries() {}

  /**
   * Every ISO 3166 country and region the data names, in code order: what the forms offer to pick
   * from.
   */
  public static List<Labelled.Words> all() {
    return ALL;
  }

  private static final List<Labelled.Words> ALL =
      Arrays.stream(Locale.getISOCountries())
          .sorted()
          .map(
              code -> {
                Locale country = new Locale.Builder().setRegion(code).build();
                return new Labelled.Words(
                    code,
                    country.getDisplayCountry(Locale.SIMPLIFIED_CHINESE),
                    country.getDisplayCountry(Locale.ENGLISH));
              })
          .filter(words -> !words.zh().equals(words.en()))
          .toList();

  /** {@code 日本 Japan} for {@code JP}; the code itself where the data has no name for it. */
  public static String name(String code) {
    if (code == null || code.isBlank()) {
      return "";
    }
    Locale country;
    try {
      country = new Locale.Builder().setRegion(code.strip().toUpperCase(Locale.ROOT)).build();
    } catch (IllformedLocaleException notARegion) {
      return code;
    }
    String zh = country.getDisplayCountry(Locale.SIMPLIFIED_CHINESE);
    String en = country.getDisplayCountry(Locale.ENGLISH);
    return zh.equals(en) ? code : zh + " " + en;
  }
}
