package io.edgeladder.bench.soak;

import java.util.Arrays;

/**
 * A fixed-size histogram of nanosecond values in the manner of HdrHistogram: exact below 1 024 ns, then
 * 512 linear buckets per power of two, so a percentile is within 0.2 % of the true sample (a 10 ms p99 to
 * ±20 µs). Its size does not grow with the number of values (≈ 118 KB for values up to 2³⁶ ns ≈ 69 s;
 * larger values are recorded as 2³⁶ and counted in {@link #clamped}): a 2-hour soak keeps one per
 * interval and one for the whole run instead of 3.6 million samples.
 *
 * <p>Not thread-safe: the owner serialises {@link #record}, {@link #add} and the readers (see
 * {@link SeqTracker}, which records under its lock).
 */
final class LogHistogram {
  private static final int P = 10; // sub-bucket bits: 2^P exact values, then 2^(P-1) buckets per octave
  static final long MAX_VALUE = 1L << 36;
  private static final int BUCKETS = index(MAX_VALUE) + 1;

  private final long[] counts = new long[BUCKETS];
  private long count;
  private long min = Long.MAX_VALUE;
  private long max;
  private double sum;
  private long clamped;

  /** Records one value in nanoseconds; negative values count as 0. */
  void record(long nanos) {
    long v = Math.max(0, nanos);
    if (v > MAX_VALUE) {
      v = MAX_VALUE;
      clamped++;
    }
    counts[index(v)]++;
    count++;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  /** Adds every value of {@code other} to this one. */
  void add(LogHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    count += other.count;
    sum += other.sum;
    clamped += other.clamped;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  void reset() {
    Arrays.fill(counts, 0);
    count = 0;
    sum = 0;
    clamped = 0;
    min = Long.MAX_VALUE;
    max = 0;
  }

  long count() {
    return count;
  }

  long max() {
    return max;
  }

  long clamped() {
    return clamped;
  }

  /** Sum of the values recorded, in nanoseconds (exact up to 2^53 ns, about 104 days). */
  double sumNanos() {
    return sum;
  }

  /**
   * Nearest-rank percentile: the smallest bucket with at least {@code q} of the values at or below it,
   * reported as that bucket's highest value (never above the largest value recorded); 0 when empty.
   */
  long percentile(double q) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * count));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.max(min, Math.min(max, highest(i)));
      }
    }
    return max;
  }

  /** Percentiles in milliseconds (rounded to the microsecond); {@link Pcts#EMPTY} when nothing was recorded. */
  Pcts summary() {
    if (count == 0) {
      return Pcts.EMPTY;
    }
    return new Pcts(count, ms(sum / count), ms(percentile(0.50)), ms(percentile(0.99)), ms(percentile(0.999)),
        ms(max));
  }

  static int index(long v) {
    if (v < (1L << P)) {
      return (int) v;
    }
    int shift = 63 - Long.numberOfLeadingZeros(v) - P + 1; // keeps the top P bits: v >>> shift in [2^(P-1), 2^P)
    return (shift << (P - 1)) + (int) (v >>> shift);
  }

  /** The largest value that falls into bucket {@code i}. */
  static long highest(int i) {
    if (i < (1 << P)) {
      return i;
    }
    int shift = (i >> (P - 1)) - 1;
    long top = (i - ((long) shift << (P - 1)));
    return ((top + 1) << shift) - 1;
  }

  private static double ms(double nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  /**
   * Count and percentiles of one histogram, in milliseconds.
   *
   * @param count values recorded
   * @param meanMs arithmetic mean
   * @param p50Ms median
   * @param p99Ms 99th percentile
   * @param p999Ms 99.9th percentile
   * @param maxMs largest value (exact)
   */
  record Pcts(long count, double meanMs, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
    static final Pcts EMPTY = new Pcts(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }
}
