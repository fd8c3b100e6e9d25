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
 * @param maxCpuUtilization share of the cores other processes leave free that the agent may plan to use, in
 *     (0, 1]: a variant fits only when the agent's predicted CPU at the current window rate stays within it
 *     (a p99 that fits the deadline says nothing about whether the pipeline keeps up with the rate)
 */
public record PolicySettings(double deadlineMargin, double stepUpMargin, Duration holdDown, double maxMissRate,
    double fullBudgetWatts, double energyFloor, double maxCpuUtilization) {

  /** Default CPU utilization cap: leaves 15 % of the free cores for bursts, GC and the transport. */
  public static final double DEFAULT_MAX_CPU_UTILIZATION = 0.85;

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
    if (!(maxCpuUtilization > 0 && maxCpuUtilization <= 1)) {
      throw new IllegalArgumentException("policy.maxCpuUtilization must be in (0, 1] but was " + maxCpuUtilization);
    }
  }

  /** Settings with the default CPU utilization cap. */
  public PolicySettings(double deadlineMargin, double stepUpMargin, Duration holdDown, double maxMissRate,
      double fullBudgetWatts, double energyFloor) {
    this(deadlineMargin, stepUpMargin, holdDown, maxMissRate, fullBudgetWatts, energyFloor,
        DEFAULT_MAX_CPU_UTILIZATION);
  }

  /** 20 % deadline margin, 15 % step-up band, 30 s hold-down, 5 % misses, 5 W, floor at 30 %, 85 % CPU. */
  public static PolicySettings ofDefaults() {
    return new PolicySettings(0.2, 0.15, Duration.ofSeconds(30), 0.05, 5.0, 0.3, DEFAULT_MAX_CPU_UTILIZATION);
  }
}
