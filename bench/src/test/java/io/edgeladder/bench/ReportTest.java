package io.edgeladder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static Samples.Summary ms(double p50, double p99, double p999) {
    return new Samples.Summary(1000, p50, p50, p50, p99, p999, p999);
  }

  private static Report report(String loadAtStart) {
    RawOrtBench.Result ort = new RawOrtBench.Result(ms(0.05, 0.1, 0.2), 10_000, "ab");
    MqttEchoBench.Result echo = new MqttEchoBench.Result(ms(0.5, 1.0, 2.0), 1000, 0, 6144, 400, 0, 20_000);
    PipelineCounts counts = new PipelineCounts(30_000, 30_000, 30_000, 0, 0, 0, 0);
    Allocation alloc = new Allocation("edge_jvm_allocated_bytes_total", 3e6, 1e5, 30_000, 96.7, 100);
    AgentE2eResult.FixedRate fixed = new AgentE2eResult.FixedRate(ms(0.7, 1.3, 2.5), 1000, 1000, 30_000, 0,
        counts, true, "ok", alloc, 150_000_000, 149_000_000, 150);
    AgentE2eResult.Saturation sat = new AgentE2eResult.Saturation(15, 9_500, 9_200, ms(3, 6, 9), counts, 0, 64,
        false);
    AgentE2eResult agent = new AgentE2eResult(fixed, sat, 380, 6144, 1, "log", List.of("-Xmx64m"), 900, 0, 0, 0,
        0, "{}");
    return new Report(ort, echo, agent, 2, loadAtStart, "0.50 0.40 0.30");
  }

  @Test
  void overheadMs_samePercentile_isE2eMinusEchoMinusOrt() {
    Report r = report("0.10 0.10 0.10");
    assertThat(r.overheadMs(Report.Pct.P50)).isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.overheadMs(Report.Pct.P99)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void targets_figuresAgainstTheIssuesBounds_verdictPerTarget() {
    List<Target> t = report("0.10 0.10 0.10").targets();
    assertThat(t).extracting(Target::met).containsExactly(true, true, false, true);
    assertThat(t.get(1).value()).isEqualTo(0.92);
  }

  @Test
  void noisy_loadAboveCoreCount_flagsTheRun() {
    assertThat(report("0.10 0.10 0.10").noisy()).isFalse();
    assertThat(report("3.50 2.00 1.00").noisy()).isTrue();
    assertThat(report("3.50 2.00 1.00").table()).contains("NOISY RUN");
  }
}
