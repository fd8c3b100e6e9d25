package io.edgeladder.agent.swap;

import java.time.Duration;

/**
 * Swap and probation tuning.
 *
 * @param warmUpRuns runs per worker runner on zeros before validation ({@code >= 1})
 * @param drainTimeout how long the old variant may take to finish in-flight runs; past it the old session
 *     is left open (closing it under a run is undefined in native code) and the outcome says so
 * @param probation how long a new variant is watched after it becomes active; zero disables probation
 * @param maxMissRate deadline-miss rate in [0, 1] above which a variant on probation is rolled back
 * @param minProbationWindows windows a variant must have served before its miss rate is judged
 */
public record SwapSettings(int warmUpRuns, Duration drainTimeout, Duration probation, double maxMissRate,
    long minProbationWindows) {

  public SwapSettings {
    if (warmUpRuns < 1) throw new IllegalArgumentException("swap.warmUpRuns must be >= 1 but was " + warmUpRuns);
    if (drainTimeout == null || drainTimeout.isNegative() || drainTimeout.isZero()) {
      throw new IllegalArgumentException("swap.drainTimeout must be > 0 but was " + drainTimeout);
    }
    if (probation == null || probation.isNegative()) {
      throw new IllegalArgumentException("swap.probation must be >= 0 but was " + probation);
    }
    if (!(maxMissRate >= 0 && maxMissRate <= 1)) {
      throw new IllegalArgumentException("swap.maxMissRate must be in [0, 1] but was " + maxMissRate);
    }
    if (minProbationWindows < 1) {
      throw new IllegalArgumentException("swap.minProbationWindows must be >= 1 but was " + minProbationWindows);
    }
  }

  /** 20 warm-up runs, 10 s drain, 30 s probation, roll back above a 5 % miss rate after 50 windows. */
  public static SwapSettings ofDefaults() {
    return new SwapSettings(20, Duration.ofSeconds(10), Duration.ofSeconds(30), 0.05, 50);
  }
}
