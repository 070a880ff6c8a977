package org.tripapproval.trip;

import java.util.Arrays;
import java.util.Optional;

/**
 * The papers by which a traveller from outside the personnel directory is identified: their {@code
 * personId} is the type's code and the number, as {@code PASSPORT:E12345678}. A directory id (an
 * employee number) never holds a colon, so the two cannot meet.
 */
public enum IdType implements Labelled {
  IDCARD("居民身份证", "Resident ID card", "\\d{17}[\\dX]"),
  PASSPORT("护照", "Passport", "[A-Z0-9]{5,20}");

  public static final char SEPARATOR = ':';

  private final Words words;
  private final String number;

  IdType(String zh, String en, String number) {
    this.words = new Words(name(), zh, en);
    this.number = number;
  }

  @Override
  public Words words() {
    return words;
  }

  /** The type of an outside person's id, or empty for a directory id. */
  public static Optional<IdType> of(String personId) {
    int separator = personId.indexOf(SEPARATOR);
    if (separator < 0) {
      return Optional.empty();
    }
    String code = personId.substring(0, separator);
    return Arrays.stream(values()).filter(type -> type.code().equals(code)).findFirst();
  }

  /** Whether the number after the type's code is one this type of paper has. */
  public boolean numbers(String personId) {
    return personId.startsWith(code() + SEPARATOR)
        && personId.substring(code().length() + 1).matches(number);
  }
}
