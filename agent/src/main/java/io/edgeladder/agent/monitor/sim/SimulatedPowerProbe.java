package io.edgeladder.agent.monitor.sim;

import io.edgeladder.agent.monitor.ResourceProbe;
import io.edgeladder.agent.monitor.ResourceSample;

/**
 * Another probe's sample with its power section taken from a {@link SimulatedPower}, charged with the
 * busy cores the base probe measured (idle when its CPU section is absent). For gateways without
 * battery or energy sensors, and for the demo.
 */
public final class SimulatedPowerProbe implements ResourceProbe {
  private final ResourceProbe base;
  private final SimulatedPower power;

  public SimulatedPowerProbe(ResourceProbe base, SimulatedPower power) {
    this.base = base;
    this.power = power;
  }

  @Override
  public ResourceSample sample() {
    ResourceSample s = base.sample();
    double busy = s.cpu() == null ? 0 : s.cpu().busyCores();
    return s.withPower(power.step(busy), null);
  }

  @Override
  public long problemCount() {
    return base.problemCount();
  }

  public SimulatedPower power() {
    return power;
  }
}
