package org.tripapproval.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long trips took from submission to their approval number, in working days (the unit of the
 * policy's own periods: the reviews are due within working days, and five working days of
 * disclosure come before every number), over the trips that got one. A trip numbered on the day it
 * was submitted took 0, one submitted on a Friday and numbered on Monday took 1. The median, so
 * that one trip held up for months does not stand for the usual; {@code trips} says how many it is
 * taken over, and the median is null when none got a number.
 */
record TimeToApproval(Double medianWorkingDays, int trips) {

  static TimeToApproval of(List<Integer> workingDays) {
    if (workingDays.isEmpty()) {
      return new TimeToApproval(null, 0);
    }
    List<Integer> sorted = workingDays.stream().sorted().toList();
    int middle = sorted.size() / 2;
    double median =
        sorted.size() % 2 == 1
            ? sorted.get(middle)
            : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    return new TimeToApproval(median, sorted.size());
  }

  /** The same from how many trips took each number of working days. */
  static TimeToApproval ofCounts(Map<Integer, Integer> tripsByWorkingDays) {
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    tripsByWorkingDays.forEach(
        (days, trips) -> {
          if (trips > 0) {
            counts.merge(days, trips, Integer::sum);
          }
        });
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      return new TimeToApproval(null, 0);
    }
    int middle = total / 2;
    double median =
        total % 2 == 1
            ? nth(counts, middle)
            : (nth(counts, middle - 1) + nth(counts, middle)) / 2.0;
    return new TimeToApproval(median, total);
  }

  /** The n-th (from 0) of the sorted working days. */
  private static int nth(TreeMap<Integer, Integer> counts, int n) {
    int seen = 0;
    for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
      seen += entry.getValue();
      if (n < seen) {
        return entry.getKey();
      }
    }
    throw new IllegalArgumentException("fewer than " + (n + 1) + " trips");
  }
}
