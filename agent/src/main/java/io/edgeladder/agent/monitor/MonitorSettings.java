package io.edgeladder.agent.monitor;

import java.time.Duration;

/**
 * @param period time between samples
 * @param telemetryPeriod time between telemetry messages on {@code fleet/{agent}/telemetry}
 */
public record MonitorSettings(Duration period, Duration telemetryPeriod) {
  public MonitorSettings {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("monitor.periodMs must be > 0 but was " + period.toMillis());
    }
    if (telemetryPeriod.isNegative() || telemetryPeriod.isZero()) {
      throw new IllegalArgumentException("monitor.telemetryPeriodMs must be > 0 but was " + telemetryPeriod.toMillis());
    }
  }

  public static MonitorSettings ofDefaults() {
    return new MonitorSettings(Duration.ofSeconds(1), Duration.ofSeconds(10));
  }
}
