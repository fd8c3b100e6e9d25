package io.edgeladder.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.monitor.ResourceSample.BatteryStatus;
import io.edgeladder.agent.monitor.ResourceSample.Section;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.assertj.core.data.Offset;

class ResourceStatesTest {
  private static ResourceSample sample(ResourceSample.Cpu cpu, ResourceSample.Power power) {
    Map<Section, String> absent = new EnumMap<>(Section.class);
    absent.put(Section.MEMORY, "test");
    absent.put(Section.THERMAL, "test");
    if (cpu == null) absent.put(Section.CPU, "test");
    if (power == null) absent.put(Section.POWER, "test");
    return new ResourceSample(0, cpu, null, null, power, absent);
  }

  @Test
  void from_cpuAndBattery_otherLoadExcludesOwnProcess() {
    // 4 cores, 50 % busy = 2 cores, of which this JVM 12.5 % = 0.5 core → 1.5 cores of others
    var cpu = new ResourceSample.Cpu(50, 12.5, List.of(50.0, 50.0, 50.0, 50.0), 1.0, 1000);
    var power = new ResourceSample.Power("simulated", 40, BatteryStatus.CHARGING, 2.0, Double.NaN, 1.5);

    ResourceState r = ResourceStates.from(sample(cpu, power), 8);

    assertThat(r.cores()).isEqualTo(4);
    assertThat(r.otherLoadCores()).isCloseTo(1.5, Offset.offset(1e-9));
    assertThat(r.ownLoadCores()).isCloseTo(0.5, Offset.offset(1e-9));
    assertThat(r.batteryLevel()).isEqualTo(0.4);
    assertThat(r.charging()).isTrue();
    assertThat(r.harvestWatts()).isEqualTo(1.5);
  }

  @Test
  void from_noCpuNoBattery_mainsIdleWithFallbackCores() {
    var mains = new ResourceSample.Power("linux", Double.NaN, BatteryStatus.UNKNOWN, Double.NaN, 12.0, Double.NaN);

    assertThat(ResourceStates.from(sample(null, mains), 2)).isEqualTo(ResourceState.mains(2, 0));
    assertThat(ResourceStates.from(sample(null, null), 2)).isEqualTo(ResourceState.mains(2, 0));
  }
}
