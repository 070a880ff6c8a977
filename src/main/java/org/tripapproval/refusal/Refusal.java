package org.tripapproval.refusal;

import java.util.Map;

/**
 * What the application refuses, wherever it is refused (an API parameter, an uploaded file, a
 * submission, a step in the engine): each kind carries the HTTP status that answers it, so the web
 * edge answers them all one way and knows none of them. An interface, because the refusals raised
 * inside the engine must stay the engine's exceptions (the engine rolls back and Tasklist shows
 * them).
 */
public interface Refusal {

  /** The HTTP status of the answer. */
  int status();

  /** The answer's "type". */
  default String type() {
    return getClass().getSimpleName();
  }

  /** Says what is refused and why, in Chinese and English. */
  String getMessage();

  /** What the answer carries besides type and message: the parameter, the wrong lines. */
  default Map<String, Object> details() {
    return Map.of();
  }
}
