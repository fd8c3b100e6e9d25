package io.edgeladder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.AgentEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwapTimelineTest {
  @Test
  void line_switchDecision_showsPipelineFromToAndReason() {
    AgentEvent e = new AgentEvent("gw", "policy.decision", 0, "pump-1", "SWITCH base -> qat: low battery",
        Map.of("action", "SWITCH", "current", "base", "target", "qat", "reason", "step down: base does not fit"));

    assertThat(SwapTimeline.line(e)).contains("pump-1").contains("base → qat")
        .endsWith("policy: step down: base does not fit");
  }

  @Test
  void line_holdDecisionOrTelemetryLikeEvent_isNoLine() {
    assertThat(SwapTimeline.line(new AgentEvent("gw", "policy.decision", 0, "pump-1", "HOLD base",
        Map.of("action", "HOLD", "current", "base", "reason", "fits")))).isNull();
    assertThat(SwapTimeline.line(new AgentEvent("gw", "shed", 0, "pump-1", "3 shed", Map.of()))).isNull();
  }

  @Test
  void line_swapOutcomes_keepTheAgentsMessage() {
    assertThat(SwapTimeline.line(new AgentEvent("gw", "swap.completed", 0, "fan-2", "swap base -> qat done",
        Map.of()))).endsWith("fan-2   swap base -> qat done");
    assertThat(SwapTimeline.line(new AgentEvent("gw", "swap.rollback", 0, "fan-2", "variant qat missed 9 of 50",
        Map.of()))).contains("rollback: variant qat missed 9 of 50");
  }
}
