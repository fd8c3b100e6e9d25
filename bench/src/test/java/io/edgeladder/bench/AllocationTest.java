package io.edgeladder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllocationTest {
  @Test
  void of_scrapeCostMeasuredBackToBack_isTakenOutOfTheDelta() {
    String m = "edge_jvm_allocated_bytes_total";
    Allocation a = Allocation.of(new Allocation.Reading(m, 1_000_000), new Allocation.Reading(m, 1_200_000),
        new Allocation.Reading(m, 2_400_000), 1_000);
    assertThat(a.scrapeBytes()).isEqualTo(200_000);
    assertThat(a.deltaBytes()).isEqualTo(1_200_000);
    assertThat(a.bytesPerWindow()).isEqualTo(1_000.0);
    assertThat(a.rawBytesPerWindow()).isEqualTo(1_200.0);
  }

  @Test
  void of_noMeter_notMeasured() {
    Allocation.Reading none = new Allocation.Reading(null, Double.NaN);
    assertThat(Allocation.of(none, none, none, 100).bytesPerWindow()).isNaN();
  }
}
