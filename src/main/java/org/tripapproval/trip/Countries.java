package org.tripapproval.trip;

import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * Country and region names for ISO 3166 codes, in Simplified Chinese and English, from the JDK's
 * CLDR locale data (kept by the Unicode consortium and updated with each JDK) rather than a list of
 * our own.
 */
public final class Countries {

  private Countries() {}

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
