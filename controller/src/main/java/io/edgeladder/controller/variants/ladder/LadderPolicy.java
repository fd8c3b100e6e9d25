package io.edgeladder.controller.variants.ladder;

/**
 * What a variant must achieve to become a rung.
 *
 * @param accuracyBudgetPoints largest allowed top-1 accuracy drop against fp32, in percentage points
 * @param maxLatencyRatio largest allowed p50 latency relative to fp32 on this host (1.0: not slower)
 * @param keepReference keep the fp32 base as the top rung even when a variant dominates it: it is the
 *     reference the golden outputs are checked against and the fallback for devices whose profile
 *     differs from the reference host's. With {@code false} the base is ranked like any variant.
 */
public record LadderPolicy(double accuracyBudgetPoints, double maxLatencyRatio, boolean keepReference) {

  public LadderPolicy {
    if (!(accuracyBudgetPoints >= 0) || accuracyBudgetPoints > 100) {
      throw new IllegalArgumentException(
          "ladder policy accuracyBudgetPoints must be in [0, 100] but was " + accuracyBudgetPoints);
    }
    if (!(maxLatencyRatio > 0) || Double.isInfinite(maxLatencyRatio)) {
      throw new IllegalArgumentException("ladder policy maxLatencyRatio must be > 0 but was " + maxLatencyRatio);
    }
  }

  /** 1.5 points of accuracy, not slower than fp32, base kept. */
  public static LadderPolicy ofDefaults() {
    return new LadderPolicy(1.5, 1.0, true);
  }
}
