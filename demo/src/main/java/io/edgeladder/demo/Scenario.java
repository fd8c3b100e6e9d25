package io.edgeladder.demo;

/**
 * The demo's script, repeated every {@code cycleSeconds} (the harvest trace's period, so the battery's
 * drain and recharge line up with it): a CPU hog in another process runs from {@code hogStartSeconds} to
 * {@code hogStopSeconds} of each cycle on {@code hogCores} cores. The battery and harvest come from the
 * agent's simulated power source ({@code monitor.power}).
 */
record Scenario(double hogStartSeconds, double hogStopSeconds, int hogCores, double cycleSeconds) {
  Scenario {
    if (!(hogStartSeconds >= 0 && hogStartSeconds < hogStopSeconds && hogStopSeconds <= cycleSeconds)) {
      throw new IllegalArgumentException("scenario needs 0 <= hog start < hog stop <= cycle but had "
          + hogStartSeconds + ", " + hogStopSeconds + ", " + cycleSeconds);
    }
    if (hogCores < 1) throw new IllegalArgumentException("scenario hog cores must be >= 1 but was " + hogCores);
  }

  /** Whether the hog should be running {@code elapsedSeconds} after the start. */
  boolean hogOn(double elapsedSeconds) {
    double at = elapsedSeconds % cycleSeconds;
    return at >= hogStartSeconds && at < hogStopSeconds;
  }
}
