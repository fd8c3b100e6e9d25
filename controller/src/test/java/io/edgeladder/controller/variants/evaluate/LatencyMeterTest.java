package io.edgeladder.controller.variants.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.ladder.Latency;
import org.junit.jupiter.api.Test;

class LatencyMeterTest {
  @Test
  void of_hundredSamples_nearestRankPercentiles() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) nanos[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted
    Latency l = LatencyMeter.of(nanos, new EvaluationSettings(1, 7, 100, 0));

    assertThat(l.p50Ms()).isEqualTo(50.0);
    assertThat(l.p99Ms()).isEqualTo(99.0);
    assertThat(l.threads()).isEqualTo(1);
    assertThat(l.warmupRuns()).isEqualTo(7);
    assertThat(l.timedRuns()).isEqualTo(100);
  }

  @Test
  void of_singleSample_isBothPercentiles() {
    Latency l = LatencyMeter.of(new long[] {250_000}, new EvaluationSettings(2, 0, 1, 0));
    assertThat(l.p50Ms()).isEqualTo(0.25);
    assertThat(l.p99Ms()).isEqualTo(0.25);
  }
}
