package org.tripapproval.trip;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds a word of a vocabulary by its stored code. */
public final class Labels {

  private Labels() {}

  /** The word with this code, if there is one. */
  public static <T extends Enum<T> & Labelled> Optional<T> find(Class<T> vocabulary, String code) {
    return Arrays.stream(vocabulary.getEnumConstants())
        .filter(word -> word.code().equals(code))
        .findFirst();
  }

  /** The word with this code; a code that is none of them is a defect, not a user's mistake. */
  public static <T extends Enum<T> & Labelled> T parse(Class<T> vocabulary, String code) {
    return find(vocabulary, code)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    vocabulary.getSimpleName()
                        + " has no "
                        + code
                        + "; one of "
                        + codes(vocabulary)));
  }

  /**
   * {@code ('A', 'B')}: these words' codes as an SQL list. The codes are the enum's own, never a
   * user's, so they may be written into the SQL.
   */
  public static String sqlList(Stream<? extends Labelled> words) {
    return words.map(word -> "'" + word.code() + "'").collect(Collectors.joining(", ", "(", ")"));
  }

  public static <T extends Enum<T> & Labelled> List<String> codes(Class<T> vocabulary) {
    return Arrays.stream(vocabulary.getEnumConstants()).map(Labelled::code).toList();
  }
}
