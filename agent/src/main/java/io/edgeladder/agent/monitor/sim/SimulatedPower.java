package io.edgeladder.agent.monitor.sim;

import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.monitor.ResourceSample.BatteryStatus;
import io.micrometer.core.instrument.Clock;

/**
 * A battery charged by a {@link HarvestTrace} and drained by a {@link PowerModel}, stepped by an injected
 * clock: each {@link #step(double)} integrates the interval since the previous step with the load given
 * (the CPU measured over that same interval) and the harvest averaged over its ends. The charge clamps at
 * empty and full; the energy counter keeps counting what the load drew. Thread-safe (synchronized): the
 * monitor steps it, tests and the demo may read it.
 */
public final class SimulatedPower {
  private final PowerModel model;
  private final HarvestTrace harvest;
  private final Clock clock;
  private final long startNanos;
  // guarded by this
  private long lastNanos;
  private double storedWh;
  private double consumedJoules;
  private double lastLoadWatts;
  private double lastHarvestWatts;
  private BatteryStatus status;

  private SimulatedPower(PowerModel model, HarvestTrace harvest, Clock clock) {
    this.model = model;
    this.harvest = harvest;
    this.clock = clock;
    this.startNanos = clock.monotonicTime();
    this.lastNanos = startNanos;
    this.storedWh = model.batteryWh() * model.initialSoc();
    this.lastLoadWatts = model.idleWatts();
    this.lastHarvestWatts = harvest.wattsAt(0);
    this.status = storedWh >= model.batteryWh() ? BatteryStatus.FULL : BatteryStatus.DISCHARGING;
  }

  public static SimulatedPower of(PowerModel model, HarvestTrace harvest, Clock clock) {
    return new SimulatedPower(model, harvest, clock);
  }

  /**
   * Advances the battery to the clock's now, charging {@code busyCores} for the whole interval.
   *
   * @return the power reading at now
   */
  public synchronized ResourceSample.Power step(double busyCores) {
    long now = clock.monotonicTime();
    double dt = Math.max(0, (now - lastNanos) / 1e9);
    double load = model.loadWatts(busyCores);
    double harvestNow = harvest.wattsAt((now - startNanos) / 1e9);
    double harvestAvg = (lastHarvestWatts + harvestNow) / 2;
    double net = harvestAvg - load;
    storedWh = Math.min(model.batteryWh(), Math.max(0, storedWh + net * dt / 3600));
    consumedJoules += load * dt;
    lastNanos = now;
    lastLoadWatts = load;
    lastHarvestWatts = harvestNow;
    if (storedWh >= model.batteryWh()) {
      status = BatteryStatus.FULL;
    } else if (net > 0) {
      status = BatteryStatus.CHARGING;
    } else {
      status = BatteryStatus.DISCHARGING;
    }
    return reading();
  }

  /** The reading as of the last step (no time passes). */
  public synchronized ResourceSample.Power reading() {
    return new ResourceSample.Power("simulated", socPercent(), status, lastLoadWatts, consumedJoules,
        lastHarvestWatts);
  }

  /** State of charge 0..100. */
  public synchronized double socPercent() {
    return Math.min(100, 100 * storedWh / model.batteryWh());
  }

  public PowerModel model() {
    return model;
  }
}
