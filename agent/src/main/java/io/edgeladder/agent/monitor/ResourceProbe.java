package io.edgeladder.agent.monitor;

/**
 * Reads the device's resources. Implementations: {@code monitor.linux.LinuxProbe} (/proc and /sys),
 * {@code monitor.sim.SimulatedPowerProbe} (a simulated battery over another probe).
 *
 * <p><b>Outcomes:</b> a section that cannot be read (file missing, unreadable, garbage) is absent from
 * the sample with its reason, and the problem is counted; implementations should not throw, but
 * {@link ResourceMonitor} catches and counts anything that escapes.
 *
 * <p><b>Threads:</b> called by one thread at a time (the monitor's sampling thread); implementations keep
 * the previous sample's counters to compute rates, so they are not safe for concurrent calls.
 */
public interface ResourceProbe {
  /** Takes a sample now. CPU percentages cover the interval since the previous call. */
  ResourceSample sample();

  /** Problems seen so far (missing or garbage files, each read counts once). */
  long problemCount();
}
