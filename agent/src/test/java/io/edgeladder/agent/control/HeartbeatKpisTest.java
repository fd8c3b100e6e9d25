package io.edgeladder.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.fleet.PipelineKpi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatKpisTest {
  private static final String SHA = "b119e1bea9bd57a9a1c15afcfd784fae18ba42751b2c7d1ccd96059daae85684";

  private static Map<String, Object> status(long windows, long out, long late, long shedDeadline, long failures,
      double p99) {
    return Map.of("pipelines", List.of(Map.of("name", "pump-1", "variant", "qat", "sha256", SHA,
        "windowsIn", windows, "windowsOut", out, "deadlineMisses", late, "inferenceFailures", failures,
        "shed", Map.of("deadline", shedDeadline, "queue-full", 0L, "no-buffer", 0L, "shutdown", 7L),
        "latencyMs", Map.of("total", Map.of("p50", 1.0, "p99", p99)))));
  }

  @Test
  void next_twoIntervals_countersCumulativeRatesPerInterval() {
    HeartbeatKpis kpis = new HeartbeatKpis();

    PipelineKpi first = kpis.next(status(100, 90, 5, 5, 0, 3.5)).get(0);
    PipelineKpi second = kpis.next(status(200, 180, 10, 25, 20, 4.25)).get(0);

    assertThat(first.windows()).isEqualTo(100);
    assertThat(first.deadlineMisses()).isEqualTo(10); // late results plus deadline sheds; shutdown sheds are not misses
    assertThat(first.missRate()).isEqualTo(0.10);
    assertThat(first.p99Ms()).isEqualTo(3.5);
    assertThat(second.results()).isEqualTo(180);
    assertThat(second.deadlineMisses()).isEqualTo(35);
    assertThat(second.missRate()).isEqualTo(0.25); // (35 - 10) / (200 - 100)
    assertThat(second.errorRate()).isEqualTo(0.20);
    assertThat(second.activeVariant()).isEqualTo("qat");
    assertThat(second.variantSha256()).isEqualTo(SHA);
  }

  @Test
  void next_noWindowsInInterval_ratesZeroAndNoLatencyIsZero() {
    HeartbeatKpis kpis = new HeartbeatKpis();
    kpis.next(status(10, 10, 0, 0, 0, Double.NaN));

    PipelineKpi idle = kpis.next(status(10, 10, 0, 0, 0, Double.NaN)).get(0);

    assertThat(idle.missRate()).isZero();
    assertThat(idle.errorRate()).isZero();
    assertThat(idle.p99Ms()).isZero();
  }
}
