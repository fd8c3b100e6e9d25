package io.edgeladder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromTextTest {
  private static final String TEXT = String.join("\n",
      "# HELP edge_jvm_allocated_bytes_total Heap bytes allocated",
      "# TYPE edge_jvm_allocated_bytes_total counter",
      "edge_jvm_allocated_bytes_total{agent=\"bench\"} 1.5E7",
      "edge_jvm_allocated_bytes_total_extra{agent=\"bench\"} 99",
      "jvm_gc_memory_allocated_bytes_total{agent=\"bench\",} 2048.0",
      "jvm_gc_memory_allocated_bytes_total{agent=\"other\",} 1024.0",
      "");

  @Test
  void sum_severalTagSets_addsThemAndIgnoresLongerNames() {
    assertThat(PromText.sum(TEXT, "jvm_gc_memory_allocated_bytes_total")).isEqualTo(3072.0);
    assertThat(PromText.sum(TEXT, "edge_jvm_allocated_bytes_total")).isEqualTo(1.5e7);
  }

  @Test
  void sum_absentMeter_isNaN() {
    assertThat(PromText.sum(TEXT, "edge_process_allocated_bytes_total")).isNaN();
  }

  @Test
  void firstPresent_preferredMeterPresent_choosesIt() {
    assertThat(PromText.firstPresent(TEXT, PromText.ALLOCATION_METERS)).isEqualTo("edge_jvm_allocated_bytes_total");
    assertThat(PromText.firstPresent("up 1\n", PromText.ALLOCATION_METERS)).isNull();
  }
}
