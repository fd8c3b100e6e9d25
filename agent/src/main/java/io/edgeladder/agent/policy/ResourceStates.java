package io.edgeladder.agent.policy;

import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.monitor.ResourceSample.BatteryStatus;

/** Turns the resource monitor's samples into the policy's view of the device. */
public final class ResourceStates {
  private ResourceStates() {}

  /**
   * Other processes' load is the system's busy cores minus this JVM's own (our inference is what the
   * profile already measured); the JVM's own load is kept for the policy's throughput check (unknown
   * when the sample has no process figure). No CPU section: 0 other load. No battery: mains (no energy limit).
   * Unknown harvest counts as 0 W.
   *
   * @param fallbackCores cores to assume when the sample has no per-core CPU figures
   */
  public static ResourceState from(ResourceSample sample, int fallbackCores) {
    int cores = fallbackCores;
    double other = 0;
    double own = Double.NaN;
    ResourceSample.Cpu cpu = sample.cpu();
    if (cpu != null) {
      if (!cpu.perCorePercent().isEmpty()) cores = cpu.perCorePercent().size();
      own = Double.isNaN(cpu.processPercent()) ? Double.NaN : cpu.processPercent() / 100.0 * cores;
      other = Math.max(0, cpu.systemPercent() / 100.0 * cores - (Double.isNaN(own) ? 0 : own));
    }
    ResourceSample.Power power = sample.power();
    if (power == null || !power.hasBattery()) {
      double harvest = power == null || Double.isNaN(power.harvestWatts()) ? 0 : Math.max(0, power.harvestWatts());
      return new ResourceState(cores, other, null, false, harvest, own);
    }
    double harvest = Double.isNaN(power.harvestWatts()) ? 0 : Math.max(0, power.harvestWatts());
    return new ResourceState(cores, other, power.batteryPercent() / 100.0, power.status() == BatteryStatus.CHARGING,
        harvest, own);
  }
}
