package io.edgeladder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {
  @Test
  void met_atMostBound_inclusive() {
    assertThat(new Target("overhead", 0.3, 0.3, true, "ms", false).met()).isTrue();
    assertThat(new Target("overhead", 0.31, 0.3, true, "ms", false).verdict()).isEqualTo("MISSED");
  }

  @Test
  void met_atLeastBound_belowMisses() {
    assertThat(new Target("ratio", 0.89, 0.9, false, "x", false).met()).isFalse();
    assertThat(new Target("ratio", 0.95, 0.9, false, "x", false).met()).isTrue();
  }

  @Test
  void met_notMeasured_neverMet() {
    Target t = new Target("alloc", Double.NaN, 64, true, "B", false);
    assertThat(t.met()).isFalse();
    assertThat(t.verdict()).isEqualTo("NOT MEASURED");
  }

  @Test
  void verdict_noisyRun_saysSo() {
    assertThat(new Target("overhead", -3, 0.3, true, "ms", true).verdict()).isEqualTo("met (noisy run)");
  }
}
