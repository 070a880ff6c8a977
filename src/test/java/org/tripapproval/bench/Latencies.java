package org.tripapproval.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Response times per operation, in nanoseconds, and their percentiles in milliseconds. */
final class Latencies {

  private final Map<String, ConcurrentLinkedQueue<Long>> byOperation = new ConcurrentHashMap<>();

  void record(String operation, long startedNanos) {
    byOperation
        .computeIfAbsent(operation, o -> new ConcurrentLinkedQueue<>())
        .add(System.nanoTime() - startedNanos);
  }

  Set<String> operations() {
    return byOperation.keySet();
  }

  int count(String operation) {
    return byOperation.getOrDefault(operation, new ConcurrentLinkedQueue<>()).size();
  }

  /** All of the operation's calls together, in milliseconds. */
  double total(String operation) {
    return byOperation.getOrDefault(operation, new ConcurrentLinkedQueue<>()).stream()
            .mapToLong(Long::longValue)
            .sum()
        / 1e6;
  }

  /** The p-th percentile (nearest rank) in milliseconds. */
  double percentile(String operation, double p) {
    List<Long> sorted =
        new ArrayList<>(byOperation.getOrDefault(operation, new ConcurrentLinkedQueue<>()));
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1e6;
  }
}
