package io.edgeladder.bench;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds, kept exactly (no bucketing) so p99.9 of a 30 000-sample run is a
 * real sample, not a histogram bucket edge. Recording is a store into a preallocated array: nothing is
 * allocated while measuring. Not thread-safe: one thread records, then (after a happens-before edge such
 * as {@code Thread.join} or a latch) one thread reads.
 */
public final class Samples {
  private final long[] values;
  private int count;
  private long dropped;

  public Samples(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("samples.capacity must be >= 1 but was " + capacity);
    }
    this.values = new long[capacity];
  }

  /** Records one latency; samples beyond the capacity are counted as dropped, never stored. */
  public void record(long nanos) {
    if (count < values.length) {
      values[count++] = nanos;
    } else {
      dropped++;
    }
  }

  public int count() {
    return count;
  }

  long dropped() {
    return dropped;
  }

  /** Summary in milliseconds; {@link Summary#EMPTY} when nothing was recorded. */
  public Summary summary() {
    if (count == 0) {
      return Summary.EMPTY;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    long sum = 0;
    for (long v : sorted) {
      sum += v;
    }
    return new Summary(count, ms(sum / (double) count), ms(sorted[0]), ms(rank(sorted, 0.50)),
        ms(rank(sorted, 0.99)), ms(rank(sorted, 0.999)), ms(sorted[count - 1]));
  }

  /** Nearest-rank percentile: the smallest sample with at least {@code q} of the samples at or below it. */
  static long rank(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(double nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  /** Latency percentiles in milliseconds (rounded to the microsecond). */
  public record Summary(int count, double meanMs, double minMs, double p50Ms, double p99Ms, double p999Ms,
      double maxMs) {
    static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN);

    public Summary {
      if (count < 0) {
        throw new IllegalArgumentException("summary.count must be >= 0 but was " + count);
      }
    }
  }
}
