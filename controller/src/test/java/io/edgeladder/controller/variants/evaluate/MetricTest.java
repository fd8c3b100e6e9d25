package io.edgeladder.controller.variants.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricTest {
  @Test
  void top1Accuracy_countsMatches() {
    assertThat(Metric.top1Accuracy().score(new int[] {0, 1, 2, 2}, new int[] {0, 1, 1, 2}, 3)).isEqualTo(0.75);
    assertThat(Metric.top1Accuracy().name()).isEqualTo("top1Accuracy");
  }

  @Test
  void macroF1_unbalancedErrors_averagesPerClassF1() {
    int[] labels = {0, 0, 0, 0, 1, 1, 2, 2};
    int[] predicted = {0, 0, 0, 1, 1, 1, 2, 0};
    // class 0: tp 3, fp 1, fn 1 -> 6/8; class 1: tp 2, fp 1, fn 0 -> 4/5; class 2: tp 1, fp 0, fn 1 -> 2/3
    double expected = (0.75 + 0.8 + 2.0 / 3) / 3;
    assertThat(Metric.macroF1().score(labels, predicted, 3)).isCloseTo(expected, within(1e-12));
    assertThat(Metric.top1Accuracy().score(labels, predicted, 3)).isEqualTo(0.75);
  }

  @Test
  void macroF1_allOneClassPredicted_isLow() {
    int[] labels = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4};
    int[] predicted = new int[10];
    // class 0: tp 2, fp 8 -> 4/12; the other four classes score 0
    assertThat(Metric.macroF1().score(labels, predicted, 5)).isCloseTo((4.0 / 12) / 5, within(1e-12));
  }
}
