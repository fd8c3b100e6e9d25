package io.edgeladder.controller.store.fleet;

import java.time.Duration;

/**
 * Registry timing.
 *
 * @param duplicateWindow two incarnations heard within this window of each other are a duplicate;
 *     also how long an incarnation must be quiet before another may take over its id by heartbeat
 * @param kpiRetention how much KPI history per pipeline is kept (rollout gates look back this far)
 */
public record FleetSettings(Duration duplicateWindow, Duration kpiRetention) {
  public FleetSettings {
    if (duplicateWindow == null || duplicateWindow.isNegative() || duplicateWindow.isZero()) {
      throw new IllegalArgumentException("fleet.duplicateWindow must be > 0 but was " + duplicateWindow);
    }
    if (kpiRetention == null || kpiRetention.isNegative() || kpiRetention.isZero()) {
      throw new IllegalArgumentException("fleet.kpiRetention must be > 0 but was " + kpiRetention);
    }
  }

  /** Three default heartbeat intervals (5 s) and 30 minutes of KPIs. */
  public static FleetSettings ofDefaults() {
    return new FleetSettings(Duration.ofSeconds(15), Duration.ofMinutes(30));
  }
}
