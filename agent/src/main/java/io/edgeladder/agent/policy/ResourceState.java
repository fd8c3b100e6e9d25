package io.edgeladder.agent.policy;

/**
 * The device's compute and energy state at one tick (from the resource probes).
 *
 * @param cores CPU cores of the device (> 0)
 * @param otherLoadCores cores busy with other processes (>= 0)
 * @param batteryLevel battery charge in [0, 1], or {@code null} on mains power (no energy limit)
 * @param charging whether the battery is charging
 * @param harvestWatts power coming in (solar harvest or charger), watts (>= 0)
 * @param ownLoadCores cores this agent's process keeps busy (>= 0), or NaN when unknown: then the policy
 *     cannot predict whether a variant's throughput fits and checks latency and energy only
 */
public record ResourceState(int cores, double otherLoadCores, Double batteryLevel, boolean charging, double harvestWatts,
    double ownLoadCores) {
  public ResourceState {
    if (cores < 1) throw new IllegalArgumentException("policy resources.cores must be >= 1 but was " + cores);
    if (!(otherLoadCores >= 0) || Double.isInfinite(otherLoadCores)) {
      throw new IllegalArgumentException("policy resources.otherLoadCores must be >= 0 but was " + otherLoadCores);
    }
    if (batteryLevel != null && !(batteryLevel >= 0 && batteryLevel <= 1)) {
      throw new IllegalArgumentException("policy resources.batteryLevel must be in [0, 1] but was " + batteryLevel);
    }
    if (!(harvestWatts >= 0) || Double.isInfinite(harvestWatts)) {
      throw new IllegalArgumentException("policy resources.harvestWatts must be >= 0 but was " + harvestWatts);
    }
    if (!(ownLoadCores >= 0 || Double.isNaN(ownLoadCores)) || Double.isInfinite(ownLoadCores)) {
      throw new IllegalArgumentException("policy resources.ownLoadCores must be >= 0 or NaN but was " + ownLoadCores);
    }
  }

  /** A state without the agent's own CPU figure (the throughput check is skipped). */
  public ResourceState(int cores, double otherLoadCores, Double batteryLevel, boolean charging, double harvestWatts) {
    this(cores, otherLoadCores, batteryLevel, charging, harvestWatts, Double.NaN);
  }

  /** A mains-powered device with {@code otherLoadCores} of {@code cores} busy. */
  public static ResourceState mains(int cores, double otherLoadCores) {
    return new ResourceState(cores, otherLoadCores, null, false, 0);
  }
}
