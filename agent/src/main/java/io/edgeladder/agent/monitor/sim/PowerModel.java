package io.edgeladder.agent.monitor.sim;

/**
 * A simulated battery and its load: the device draws {@code idleWatts + wattsPerCore × busy cores}.
 *
 * @param batteryWh battery capacity in watt-hours (> 0)
 * @param initialSoc state of charge at start, 0..1
 * @param idleWatts draw with no CPU load (>= 0)
 * @param wattsPerCore extra draw per fully busy core (>= 0)
 */
public record PowerModel(double batteryWh, double initialSoc, double idleWatts, double wattsPerCore) {
  public PowerModel {
    if (!(batteryWh > 0)) throw new IllegalArgumentException("power.batteryWh must be > 0 but was " + batteryWh);
    if (!(initialSoc >= 0 && initialSoc <= 1)) {
      throw new IllegalArgumentException("power.initialSoc must be in 0..1 but was " + initialSoc);
    }
    if (!(idleWatts >= 0)) throw new IllegalArgumentException("power.idleWatts must be >= 0 but was " + idleWatts);
    if (!(wattsPerCore >= 0)) {
      throw new IllegalArgumentException("power.wattsPerCore must be >= 0 but was " + wattsPerCore);
    }
  }

  /** Watts drawn with {@code busyCores} busy. */
  public double loadWatts(double busyCores) {
    return idleWatts + wattsPerCore * Math.max(0, busyCores);
  }
}
