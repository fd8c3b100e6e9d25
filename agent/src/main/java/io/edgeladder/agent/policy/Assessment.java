package io.edgeladder.agent.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the policy predicts for every candidate under the current inputs: p99 scaled by contention,
 * power at the window rate, the agent's CPU at the window rate, the latency limit, the CPU limit and the
 * energy budget. Pure; built once per decision.
 *
 * <p><b>Throughput:</b> the agent's CPU with candidate {@code c} is predicted as its measured CPU now, minus
 * the current variant's inference CPU at the window rate, plus {@code c}'s: the rest (decoding, windowing,
 * publishing) does not depend on the variant. It must stay within {@code maxCpuUtilization} of the cores
 * other processes leave free. Without this, a variant whose single-window p99 fits the deadline is chosen
 * even when the pipeline cannot keep up with the rate: measured in the contention bench, the policy stepped
 * back up to such a variant after every hold-down and missed 20–30 % of the windows for ~2 s each time.
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
  /** Cores the agent may plan to use: free cores × the utilization cap; NaN when its own load is unknown. */
  final double cpuLimitCores;
  /** The agent's CPU apart from the current variant's inference, cores; NaN when unknown. */
  private final double baseCores;

  Assessment(PolicyInputs in, PolicySettings s) {
    this.in = in;
    this.limitMs = in.deadlineMs() * (1 - s.deadlineMargin());
    this.budgetWatts = budget(in.resources(), s);
    this.overloaded = in.scheduler().deadlineMissRate() > s.maxMissRate() || in.scheduler().queueAgeMs() > in.deadlineMs();
    this.stepUpMargin = s.stepUpMargin();
    this.availableNow = available(in.resources().cores(), in.resources().otherLoadCores());
    double own = in.resources().ownLoadCores();
    Candidate cur = in.find(in.currentVariant());
    this.baseCores = Double.isNaN(own) ? Double.NaN
        : Math.max(0, own - (cur == null ? 0 : inferenceCores(cur)));
    this.cpuLimitCores = Double.isNaN(own) ? Double.NaN : availableNow * s.maxCpuUtilization();
  }

  private double inferenceCores(Candidate c) {
    return c.profile().cpuMsPerInference() / 1000.0 * in.windowRateHz();
  }

  /** The agent's predicted CPU with {@code c} serving at the current window rate, cores; NaN when unknown. */
  double predictedCores(Candidate c) {
    return baseCores + inferenceCores(c);
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
    return predictedP99(c) <= limitMs * (1 - band) && watts(c) <= budgetWatts * (1 - band)
        && (Double.isNaN(cpuLimitCores) || predictedCores(c) <= cpuLimitCores * (1 - band));
  }

  private static final double MIN_BUDGET_WATTS = 1e-9;

  /** How far over its limits a candidate is: max of p99/limit, watts/budget and cores/CPU limit (≤ 1 = fits). */
  double pressure(Candidate c) {
    // With no budget at all every variant is over it; dividing by a tiny floor keeps the cheapest one least over.
    double energy = Double.isInfinite(budgetWatts) ? 0 : watts(c) / Math.max(budgetWatts, MIN_BUDGET_WATTS);
    double cpu = Double.isNaN(cpuLimitCores) ? 0 : predictedCores(c) / cpuLimitCores;
    return Math.max(Math.max(predictedP99(c) / limitMs, energy), cpu);
  }

  /** "fp32 (p99 12.0/8.0 ms, 0.80/0.50 W, 0.90/1.20 cores)". */
  String describe(Candidate c) {
    return String.format(Locale.ROOT, "%s (p99 %.2f/%.2f ms, %.3f/%s W%s)", c.id(), predictedP99(c), limitMs, watts(c),
        Double.isInfinite(budgetWatts) ? "unlimited" : String.format(Locale.ROOT, "%.3f", budgetWatts),
        Double.isNaN(cpuLimitCores) ? ""
            : String.format(Locale.ROOT, ", %.2f/%.2f cores", predictedCores(c), cpuLimitCores));
  }

  /** The inputs and every candidate's prediction, for the decision event. */
  Map<String, Object> snapshot() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deadlineMs", in.deadlineMs());
    m.put("limitMs", limitMs);
    m.put("windowRateHz", in.windowRateHz());
    m.put("cores", in.resources().cores());
    m.put("otherLoadCores", in.resources().otherLoadCores());
    m.put("ownLoadCores", Double.isNaN(in.resources().ownLoadCores()) ? null : in.resources().ownLoadCores());
    m.put("cpuLimitCores", Double.isNaN(cpuLimitCores) ? null : cpuLimitCores);
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
      v.put("predictedCores", Double.isNaN(cpuLimitCores) ? null : predictedCores(c));
      v.put("fits", fits(c));
      v.put("allowed", in.bounds().allows(c));
      variants.add(v);
    }
    m.put("variants", variants);
    return m;
  }
}
