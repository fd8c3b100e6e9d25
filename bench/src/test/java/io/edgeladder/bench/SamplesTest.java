package io.edgeladder.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplesTest {
  @Test
  void summary_thousandSamples_nearestRankPercentilesInMillis() {
    Samples s = new Samples(1000);
    for (int i = 1000; i >= 1; i--) { // reverse order: the summary must sort
      s.record(i * 1_000L); // i microseconds
    }
    Samples.Summary sum = s.summary();
    assertThat(sum.count()).isEqualTo(1000);
    assertThat(sum.minMs()).isEqualTo(0.001);
    assertThat(sum.p50Ms()).isEqualTo(0.5);
    assertThat(sum.p99Ms()).isEqualTo(0.99);
    assertThat(sum.p999Ms()).isEqualTo(0.999);
    assertThat(sum.maxMs()).isEqualTo(1.0);
    assertThat(sum.meanMs()).isEqualTo(0.501); // 500.5 us, rounded to the microsecond
  }

  @Test
  void rank_fewSamples_p999IsTheMaximum() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(Samples.rank(sorted, 0.999)).isEqualTo(10);
    assertThat(Samples.rank(sorted, 0.5)).isEqualTo(5);
  }

  @Test
  void record_beyondCapacity_countsDropped() {
    Samples s = new Samples(2);
    s.record(1);
    s.record(2);
    s.record(3);
    assertThat(s.count()).isEqualTo(2);
    assertThat(s.dropped()).isEqualTo(1);
  }

  @Test
  void summary_empty_isNaN() {
    assertThat(new Samples(4).summary().p99Ms()).isNaN();
  }

  @Test
  void constructor_zeroCapacity_namesTheValue() {
    assertThatThrownBy(() -> new Samples(0)).hasMessage("samples.capacity must be >= 1 but was 0");
  }
}
