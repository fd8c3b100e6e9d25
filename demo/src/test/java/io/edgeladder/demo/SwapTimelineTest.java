package io.edgeladder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.AgentEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwapTimelineTest {
  private static final long START = 1_000_000;

  @Test
  void line_switchDecision_showsElapsedPipelineFromToContextAndReason() {
    AgentEvent e = new AgentEvent("gw", "policy.decision", START + 23_400, "pump-1", "SWITCH fp32 -> qat: low",
        Map.of("action", "SWITCH", "current", "fp32", "target", "qat", "reason", "step down: fp32 does not fit"));

    assertThat(SwapTimeline.shown(e)).isTrue();
    assertThat(SwapTimeline.line(e, START, "battery 12% discharging | misses 3")).startsWith("  +23.4s  pump-1")
        .contains("fp32 → qat").contains("battery 12% discharging | misses 3")
        .endsWith("policy: step down: fp32 does not fit");
  }

  @Test
  void shown_holdDecisionOrOtherEvents_isNotShown() {
    assertThat(SwapTimeline.shown(new AgentEvent("gw", "policy.decision", 0, "pump-1", "HOLD base",
        Map.of("action", "HOLD", "current", "base", "reason", "fits")))).isFalse();
    assertThat(SwapTimeline.shown(new AgentEvent("gw", "window.shed", 0, "pump-1", "3 shed", Map.of()))).isFalse();
    assertThat(SwapTimeline.shown(new AgentEvent("gw", "swap.started", 0, "pump-1", "swap", Map.of()))).isFalse();
  }

  @Test
  void line_swapOutcomesAndRefresh_keepTheAgentsMessage() {
    assertThat(SwapTimeline.line(new AgentEvent("gw", "swap.completed", START, "fan-2", "swap base -> qat done",
        Map.of("to", "qat")), START, "ctx")).contains("now qat").endsWith("ctx | swap base -> qat done");
    assertThat(SwapTimeline.line(new AgentEvent("gw", "swap.rollback", START, "fan-2", "variant qat missed 9 of 50",
        Map.of()), START, "ctx")).contains("rollback").endsWith("variant qat missed 9 of 50");
    AgentEvent refreshed = new AgentEvent("gw", "profile.refreshed", START + 1000, "pump-1",
        "fp32 re-profiled at 1.02 other cores (was 0.05): p99 0.110 -> 0.340 ms", Map.of("variant", "fp32"));
    assertThat(SwapTimeline.shown(refreshed)).isTrue();
    assertThat(SwapTimeline.line(refreshed, START, "ctx")).contains("+1.0s").contains("profile fp32")
        .endsWith("p99 0.110 -> 0.340 ms");
  }
}
