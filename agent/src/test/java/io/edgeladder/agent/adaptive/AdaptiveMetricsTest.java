package io.edgeladder.agent.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.AgentEvent;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdaptiveMetricsTest {
  private static final long S = 1_000_000_000L;

  @Test
  void variantTime_switchBetweenObservations_intervalGoesToTheVariantSeenBefore() {
    AdaptiveMetrics.VariantTime t = new AdaptiveMetrics.VariantTime("base", 0);

    assertThat(t.seconds("base", "base", 2 * S)).isEqualTo(2.0);
    assertThat(t.seconds("qat", "qat", 3 * S)).as("base served until this observation").isZero();
    assertThat(t.seconds("qat", "qat", 5 * S)).isEqualTo(2.0);
    assertThat(t.seconds("base", "qat", 5 * S)).isEqualTo(3.0);
    assertThat(t.seconds("base", "qat", 4 * S)).as("a clock read out of order adds nothing").isEqualTo(3.0);
  }

  @Test
  void event_swapOutcomes_countedByOutcomeOthersIgnored() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AdaptiveMetrics m = new AdaptiveMetrics(registry, new MockClock());

    for (String type : new String[] {"swap.completed", "swap.completed", "swap.failed", "swap.rollback",
        "swap.started", "swap.probation.passed", "policy.decision"}) {
      m.event(new AgentEvent("gw", type, 0, "p1", "", Map.of()));
    }
    m.event(new AgentEvent("gw", "swap.completed", 0, null, "agent-wide", Map.of()));
    m.refused("p1");

    assertThat(registry.get("edge.swaps").tags("pipeline", "p1", "outcome", "completed").counter().count()).isEqualTo(2);
    assertThat(registry.get("edge.swaps").tags("pipeline", "p1", "outcome", "failed").counter().count()).isEqualTo(1);
    assertThat(registry.get("edge.swaps").tags("pipeline", "p1", "outcome", "rolled_back").counter().count())
        .isEqualTo(1);
    assertThat(registry.find("edge.swaps").counters()).hasSize(3);
    assertThat(registry.get("edge.swap.refusals").tags("pipeline", "p1").counter().count()).isEqualTo(1);
  }
}
