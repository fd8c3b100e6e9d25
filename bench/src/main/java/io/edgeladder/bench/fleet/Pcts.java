package io.edgeladder.bench.fleet;

import java.util.Arrays;
import java.util.List;

/**
 * p50 / p99 / max of a set of durations in milliseconds (nearest rank). Immutable.
 *
 * @param count how many values
 */
public record Pcts(int count, double p50Ms, double p99Ms, double maxMs) {
  static final Pcts EMPTY = new Pcts(0, Double.NaN, Double.NaN, Double.NaN);

  static Pcts ofMillis(List<Double> values) {
    if (values.isEmpty()) return EMPTY;
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return new Pcts(v.length, rank(v, 0.50), rank(v, 0.99), v[v.length - 1]);
  }

  /** Nearest rank: the smallest value with at least {@code q} of the values at or below it. */
  static double rank(double[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
