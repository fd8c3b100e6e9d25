package io.edgeladder.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogHistogramTest {
  @Test
  void percentile_smallValues_exact() {
    LogHistogram h = new LogHistogram();
    for (int i = 1000; i >= 1; i--) {
      h.record(i);
    }
    assertThat(h.percentile(0.5)).isEqualTo(500);
    assertThat(h.percentile(0.99)).isEqualTo(990);
    assertThat(h.percentile(0.999)).isEqualTo(999);
    assertThat(h.max()).isEqualTo(1000);
  }

  @Test
  void percentile_randomMillisecondLatencies_withinTwoPerMilleOfTheExactSample() {
    SplittableRandom rng = new SplittableRandom(7);
    LogHistogram h = new LogHistogram();
    long[] values = new long[100_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) (1e6 * Math.exp(rng.nextGaussian())); // log-normal around 1 ms
      h.record(values[i]);
    }
    java.util.Arrays.sort(values);
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
      long exact = values[(int) Math.ceil(q * values.length) - 1];
      assertThat((double) h.percentile(q)).as("p%s", q * 100).isCloseTo(exact, within(exact * 0.002));
    }
    assertThat(h.percentile(1.0)).isEqualTo(values[values.length - 1]);
    assertThat(h.count()).isEqualTo(values.length);
  }

  @Test
  void index_bucketsAreContiguousAndHighestIsTheBucketsLastValue() {
    for (long v = 0; v < 1 << 16; v++) {
      int i = LogHistogram.index(v);
      assertThat(LogHistogram.highest(i)).isGreaterThanOrEqualTo(v);
      assertThat(LogHistogram.index(LogHistogram.highest(i))).isEqualTo(i);
      assertThat(LogHistogram.index(LogHistogram.highest(i) + 1)).isEqualTo(i + 1);
    }
  }

  @Test
  void record_beyondRange_clampedAndCounted() {
    LogHistogram h = new LogHistogram();
    h.record(Long.MAX_VALUE);
    h.record(-5);
    assertThat(h.clamped()).isEqualTo(1);
    assertThat(h.max()).isEqualTo(LogHistogram.MAX_VALUE);
    assertThat(h.percentile(0.01)).isZero();
  }

  @Test
  void add_twoIntervals_sameAsOneHistogramOfAllValues() {
    LogHistogram a = new LogHistogram();
    LogHistogram b = new LogHistogram();
    LogHistogram all = new LogHistogram();
    for (long v = 1; v <= 5000; v++) {
      (v % 3 == 0 ? a : b).record(v * 997);
      all.record(v * 997);
    }
    a.add(b);
    assertThat(a.summary()).isEqualTo(all.summary());
  }

  @Test
  void summary_empty_isEmpty() {
    assertThat(new LogHistogram().summary()).isEqualTo(LogHistogram.Pcts.EMPTY);
  }
}
