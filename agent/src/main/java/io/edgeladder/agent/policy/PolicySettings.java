package io.edgeladder.agent.policy;

import java.time.Duration;

/**
 * Tuning of the switching policy.
 *
 * @param deadlineMargin fraction of the deadline kept free: a variant fits when its predicted p99 is at
 *     most {@code deadline × (1 − deadlineMargin)}, in [0, 1)
 * @param stepUpMargin extra fraction a more accurate variant must leave free (on both the latency limit
 *     and the energy budget) before the policy steps up: the hysteresis band, in [0, 1)
 * @param holdDown minimum time between two switches, except to escape deadline misses
 * @param maxMissRate deadline-miss rate above which the current variant is overloaded, in [0, 1]
 * @param fullBudgetWatts power the pipeline may draw while the battery is above the floor, watts (> 0)
 * @param energyFloor battery level in [0, 1] below which the budget shrinks linearly to 0
 */
public record PolicySettings(double deadlineMargin, double stepUpMargin, Duration holdDown, double maxMissRate,
    double fullBudgetWatts, double energyFloor) {

  public PolicySettings {
    if (!(deadlineMargin >= 0 && deadlineMargin < 1)) {
      throw new IllegalArgumentException("policy.deadlineMargin must be in [0, 1) but was " + deadlineMargin);
    }
    if (!(stepUpMargin >= 0 && stepUpMargin < 1)) {
      throw new IllegalArgumentException("policy.stepUpMargin must be in [0, 1) but was " + stepUpMargin);
    }
    if (holdDown == null || holdDown.isNegative()) {
      throw new IllegalArgumentException("policy.holdDown must be >= 0 but was " + holdDown);
    }
    if (!(maxMissRate >= 0 && maxMissRate <= 1)) {
      throw new IllegalArgumentException("policy.maxMissRate must be in [0, 1] but was " + maxMissRate);
    }
    if (!(fullBudgetWatts > 0) || Double.isInfinite(fullBudgetWatts)) {
      throw new IllegalArgumentException("policy.fullBudgetWatts must be > 0 but was " + fullBudgetWatts);
    }
    if (!(energyFloor >= 0 && energyFloor <= 1)) {
      throw new IllegalArgumentException("policy.energyFloor must be in [0, 1] but was " + energyFloor);
    }
  }

  /** 20 % deadline margin, 15 % step-up band, 30 s hold-down, 5 % misses, 5 W, floor at 30 %. */
  public static PolicySettings ofDefaults() {
    return new PolicySettings(0.2, 0.15, Duration.ofSeconds(30), 0.05, 5.0, 0.3);
  }
}
