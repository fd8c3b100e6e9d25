package io.edgeladder.demo;

import io.edgeladder.agent.monitor.AgentMonitor;
import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.policy.ResourceStates;
import java.util.Locale;

/**
 * What the demo shows about the device: the simulated battery (level, status, harvest) and the
 * background load the policy sees (other processes' cores). Reads the agent's monitor; any thread.
 */
final class DeviceState {
  private final AgentMonitor monitor; // null when the agent runs without a monitor

  DeviceState(AgentMonitor monitor) {
    this.monitor = monitor;
  }

  /** The latest power reading, or null without a simulated battery. */
  ResourceSample.Power power() {
    return monitor == null || monitor.simulatedPower() == null ? null : monitor.simulatedPower().reading();
  }

  /** Other processes' cores in the latest sample; NaN when unknown. */
  double otherLoadCores() {
    ResourceSample s = monitor == null ? null : monitor.monitor().latest();
    if (s == null || s.cpu() == null) return Double.NaN;
    return ResourceStates.from(s, Runtime.getRuntime().availableProcessors()).otherLoadCores();
  }

  /** {@code battery 34% discharging, harvest 0.0 W, load 1.1 cores}. */
  String describe() {
    ResourceSample.Power p = power();
    String battery = p == null ? "mains" : String.format(Locale.ROOT, "battery %3.0f%% %-11s harvest %3.1f W",
        p.batteryPercent(), p.status().name().toLowerCase(Locale.ROOT), Double.isNaN(p.harvestWatts()) ? 0
            : p.harvestWatts());
    double load = otherLoadCores();
    return battery + (Double.isNaN(load) ? "" : String.format(Locale.ROOT, ", load %.1f cores", load));
  }
}
