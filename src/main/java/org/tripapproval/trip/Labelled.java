package org.tripapproval.trip;

/**
 * A word of the domain's vocabulary: the code the data and the models store, and what users read in
 * Simplified Chinese and English. Pages, forms, CSV and mail take the words from the enums that
 * implement this, so that a label is written once.
 */
public interface Labelled {

  /** The word's code and its labels; the enums keep one each. */
  record Words(String code, String zh, String en) {}

  Words words();

  /** As stored in the database, the process variables and the models. */
  default String code() {
    return words().code();
  }

  default String zh() {
    return words().zh();
  }

  default String en() {
    return words().en();
  }

  /** Both languages, as users read them everywhere: {@code 已批准 Approved}. */
  default String label() {
    return zh() + " " + en();
  }
}
