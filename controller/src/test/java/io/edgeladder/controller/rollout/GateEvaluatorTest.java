package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.store.rollout.GateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Gates GATES = new Gates(0.05, 0.02, 1.5, 3, Duration.ofSeconds(30));

  @Test
  void kpis_oneBadAgent_worstAgentIsObservedAndNamed() {
    List<AgentWindow> w = List.of(new AgentWindow("a1", 5, 0.01, 0.0, 10),
        new AgentWindow("a2", 5, 0.09, 0.0, 11), new AgentWindow("a3", 5, 0.02, 0.03, 9));

    StageVerdict v = GateEvaluator.kpis(1, GATES, w, 10.0, Map.of(), NOW);

    assertThat(v.passed()).isFalse();
    assertThat(v.failures()).extracting(GateResult::gate).containsExactly("missRate", "errorRate");
    GateResult miss = v.results().get(0);
    assertThat(miss.observed()).isEqualTo(0.09);
    assertThat(miss.threshold()).isEqualTo(0.05);
    assertThat(miss.stage()).isEqualTo(1);
    assertThat(miss.detail()).startsWith("{\"agents\":{\"a2\":0.09,\"a3\":0.02,\"a1\":0.01}");
    assertThat(StageVerdict.describe(miss)).isEqualTo("stage 1 gate missRate failed: observed 0.09 > threshold 0.05");
    assertThat(v.results().get(2).gate()).isEqualTo("p99Ratio");
    assertThat(v.results().get(2).passed()).isTrue();
    assertThat(v.results().get(2).observed()).isEqualTo(1.1);
  }

  @Test
  void kpis_noConcurrentBaseline_eachAgentAgainstItsOwnPreRolloutP99() {
    List<AgentWindow> w = List.of(new AgentWindow("fast", 4, 0, 0, 4), new AgentWindow("slow", 4, 0, 0, 40));

    StageVerdict v = GateEvaluator.kpis(2, GATES, w, Double.NaN, Map.of("fast", 2.0, "slow", 38.0), NOW);

    GateResult p99 = v.results().get(2);
    assertThat(p99.observed()).as("fast doubled; slow barely moved").isEqualTo(2.0);
    assertThat(p99.passed()).isFalse();
    assertThat(p99.detail()).contains("own pre-rollout p99", "\"fast\":{\"ratio\":2.0");
  }

  @Test
  void kpis_noBaselineOrNoLatency_p99GateFailsWithNoData() {
    List<AgentWindow> w = List.of(new AgentWindow("a1", 4, 0, 0, 12), new AgentWindow("a2", 4, 1, 0, Double.NaN));

    GateResult p99 = GateEvaluator.kpis(0, GATES, w, Double.NaN, Map.of(), NOW).results().get(2);

    assertThat(p99.passed()).isFalse();
    assertThat(p99.detail()).contains("a1: no baseline p99", "a2: no result latency in the soak window");
  }

  @Test
  void kpis_p99GateOff_onlyRates() {
    Gates noLatency = new Gates(0.05, 0.05, null, 1, Duration.ZERO);
    StageVerdict v = GateEvaluator.kpis(0, noLatency, List.of(new AgentWindow("a", 1, 0, 0, 99)),
        Double.NaN, Map.of(), NOW);
    assertThat(v.results()).extracting(GateResult::gate).containsExactly("missRate", "errorRate");
    assertThat(v.passed()).isTrue();
  }

  @Test
  void heartbeats_fewestSamplesObservedAndShortAgentsListed() {
    GateResult g = GateEvaluator.heartbeats(0, GATES,
        List.of(new AgentWindow("a1", 5, 0, 0, 1), new AgentWindow("a2", 1, 0, 0, 1)), NOW);
    assertThat(g.passed()).isFalse();
    assertThat(g.observed()).isEqualTo(1);
    assertThat(g.threshold()).isEqualTo(3);
    assertThat(g.detail()).isEqualTo("{\"agents\":{\"a2\":1}}");
    assertThat(StageVerdict.describe(g)).isEqualTo("stage 0 gate heartbeats failed: observed 1.0 < threshold 3.0");
  }
}
