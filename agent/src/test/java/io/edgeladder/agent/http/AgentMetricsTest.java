package io.edgeladder.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {
  @Test
  void create_agentId_bindsJvmMetersWithAgentTag() {
    try (AgentMetrics metrics = AgentMetrics.create("gw-3")) {
      var registry = metrics.registry();

      for (String name : new String[] {"jvm.memory.used", "jvm.threads.live", "jvm.classes.loaded",
          "system.cpu.count", "process.uptime", "jvm.gc.memory.allocated"}) {
        Meter meter = registry.find(name).meter();
        assertThat(meter).as(name).isNotNull();
        assertThat(meter.getId().getTag("agent")).as(name).isEqualTo("gw-3");
      }
      assertThat(registry.scrape()).contains("process_uptime_seconds{agent=\"gw-3\"}");
    }
  }

  @Test
  void create_invalidAgentId_throwsNamingIt() {
    assertThatThrownBy(() -> AgentMetrics.create("gw/3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent id");
  }
}
