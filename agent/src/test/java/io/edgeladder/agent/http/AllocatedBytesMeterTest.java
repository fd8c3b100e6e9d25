package io.edgeladder.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import org.junit.jupiter.api.Test;

class AllocatedBytesMeterTest {
  static volatile Object sink;

  @Test
  void allocatedCounter_threadAllocatesEightMegabytes_growsByAtLeastThat() {
    try (AgentMetrics metrics = AgentMetrics.create("gw-1")) {
      FunctionCounter counter = metrics.registry().get("edge.jvm.allocated").functionCounter();
      System.gc(); // Micrometer holds the counter's source weakly: it must survive a collection
      double before = counter.count();
      for (int i = 0; i < 8; i++) {
        sink = new byte[1 << 20];
      }
      double after = counter.count();
      assertThat(after - before).isGreaterThanOrEqualTo(8.0 * (1 << 20));
      assertThat(metrics.registry().scrape()).contains("edge_jvm_allocated_bytes_total{agent=\"gw-1\"}");
    }
  }
}
