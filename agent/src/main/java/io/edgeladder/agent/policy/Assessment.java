package io.edgeladder.agent.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the policy predicts for every candidate under the current inputs: p99 scaled by contention,
 * power at the window rate, the latency limit and the energy budget. Pure; built once per decision.
 */
final class Assessment {
  /** Never assume less than this many cores free: a saturated device still time-slices us in. */
  private static final double MIN_AVAILABLE_CORES = 0.25;

  final PolicyInputs in;
  final double limitMs;
  final double budgetWatts;
  final boolean overloaded;
  private final double stepUpMargin;
  private final double availableNow;

  Assessment(PolicyInputs in, PolicySettings s) {
    this.in = in;
    this.limitMs = in.deadlineMs() * (1 - s.deadlineMargin());
    this.budgetWatts = budget(in.resources(), s);
    this.overloaded = in.scheduler().deadlineMissRate() > s.maxMissRate() || in.scheduler().queueAgeMs() > in.deadlineMs();
    this.stepUpMargin = s.stepUpMargin();
    this.availableNow = available(in.resources().cores(), in.resources().otherLoadCores());
  }

  /**
   * Full budget above the floor, linear down to 0 below it, plus the harvest while the battery charges
   * (a harvest that does not even cover the device's draw leaves nothing to spend). Infinite on mains.
   */
  static double budget(ResourceState r, PolicySettings s) {
    if (r.batteryLevel() == null) return Double.POSITIVE_INFINITY;
    double level = r.batteryLevel();
    double base = level >= s.energyFloor() || s.energyFloor() == 0 ? s.fullBudgetWatts()
        : s.fullBudgetWatts() * level / s.energyFloor();
    return base + (r.charging() ? r.harvestWatts() : 0);
  }

  private static double available(int cores, double otherLoad) {
    return Math.max(MIN_AVAILABLE_CORES, cores - otherLoad);
  }

  /**
   * Profiled p99 × contention: cores free when profiled / cores free now (the profile already includes
   * the load it was measured under).
   */
  double predictedP99(Candidate c) {
    double availableThen = available(in.resources().cores(), c.profile().backgroundLoadCores());
    return c.profile().p99Ms() * availableThen / availableNow;
  }

  double watts(Candidate c) {
    return c.profile().joulesPerInference() * in.windowRateHz();
  }

  boolean fits(Candidate c) {
    return fitsWithin(c, 0);
  }

  /** Fits with the extra step-up band: used only for variants more accurate than the current one. */
  boolean fitsStepUp(Candidate c) {
    return fitsWithin(c, stepUpMargin);
  }

  private boolean fitsWithin(Candidate c, double band) {
    return predictedP99(c) <= limitMs * (1 - band) && watts(c) <= budgetWatts * (1 - band);
  }

  private static final double MIN_BUDGET_WATTS = 1e-9;

  /** How far over its limits a candidate is: max of p99/limit and watts/budget (≤ 1 = fits). */
  double pressure(Candidate c) {
    // With no budget at all every variant is over it; dividing by a tiny floor keeps the cheapest one least over.
    double energy = Double.isInfinite(budgetWatts) ? 0 : watts(c) / Math.max(budgetWatts, MIN_BUDGET_WATTS);
    return Math.max(predictedP99(c) / limitMs, energy);
  }

  /** "fp32 (p99 12.0/8.0 ms, 0.80/0.50 W)". */
  String describe(Candidate c) {
    return String.format(Locale.ROOT, "%s (p99 %.2f/%.2f ms, %.3f/%s W)", c.id(), predictedP99(c), limitMs, watts(c),
        Double.isInfinite(budgetWatts) ? "unlimited" : String.format(Locale.ROOT, "%.3f", budgetWatts));
  }

  /** The inputs and every candidate's prediction, for the decision event. */
  Map<String, Object> snapshot() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deadlineMs", in.deadlineMs());
    m.put("limitMs", limitMs);
    m.put("windowRateHz", in.windowRateHz());
    m.put("cores", in.resources().cores());
    m.put("otherLoadCores", in.resources().otherLoadCores());
    m.put("batteryLevel", in.resources().batteryLevel());
    m.put("charging", in.resources().charging());
    m.put("harvestWatts", in.resources().harvestWatts());
    m.put("energyBudgetWatts", Double.isInfinite(budgetWatts) ? null : budgetWatts);
    m.put("deadlineMissRate", in.scheduler().deadlineMissRate());
    m.put("queueAgeMs", in.scheduler().queueAgeMs());
    m.put("allowed", List.copyOf(in.bounds().allowed()));
    m.put("pinned", in.bounds().pinned());
    m.put("minAccuracy", in.bounds().minAccuracy());
    List<Map<String, Object>> variants = new ArrayList<>();
    for (Candidate c : in.candidates()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("id", c.id());
      v.put("accuracy", c.accuracy());
      v.put("p99Ms", c.profile().p99Ms());
      v.put("predictedP99Ms", predictedP99(c));
      v.put("watts", watts(c));
      v.put("fits", fits(c));
      v.put("allowed", in.bounds().allows(c));
      variants.add(v);
    }
    m.put("variants", variants);
    return m;
  }
}
