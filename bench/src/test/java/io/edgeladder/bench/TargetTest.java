package io.edgeladder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {
  @Test
  void met_atMostBound_inclusive() {
    assertThat(new Target("overhead", 0.3, 0.3, true, "ms").met()).isTrue();
    assertThat(new Target("overhead", 0.31, 0.3, true, "ms").verdict()).isEqualTo("MISSED");
  }

  @Test
  void met_atLeastBound_belowMisses() {
    assertThat(new Target("ratio", 0.89, 0.9, false, "x").met()).isFalse();
    assertThat(new Target("ratio", 0.95, 0.9, false, "x").met()).isTrue();
  }

  @Test
  void met_notMeasured_neverMet() {
    Target t = new Target("alloc", Double.NaN, 64, true, "B");
    assertThat(t.met()).isFalse();
    assertThat(t.verdict()).isEqualTo("NOT MEASURED");
  }
}
