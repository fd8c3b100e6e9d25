package io.edgeladder.bench.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunAnalysisTest {
  @Test
  void recoverySeconds_missesThenClean_startOfFirstCleanSecondAfterTheBadOnes() {
    assertThat(RunAnalysis.recoverySeconds(List.of(0.0, 0.30, 0.05, 0.002, 0.0))).isEqualTo(3);
  }

  @Test
  void recoverySeconds_neverAtOnePercent_zero() {
    assertThat(RunAnalysis.recoverySeconds(List.of(0.0, 0.009, 0.0))).isZero();
  }

  @Test
  void recoverySeconds_neverBackUnder_nan() {
    assertThat(RunAnalysis.recoverySeconds(List.of(0.0, 0.5, 0.4, 0.3))).isNaN();
  }

  @Test
  void recoverySeconds_exactlyOnePercent_countsAsMissing() {
    assertThat(RunAnalysis.recoverySeconds(List.of(0.01, 0.0))).isEqualTo(1);
  }
}
