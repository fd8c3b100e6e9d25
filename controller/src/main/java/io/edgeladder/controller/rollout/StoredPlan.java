package io.edgeladder.controller.rollout;

import java.util.Map;

/**
 * What the engine keeps in a rollout's {@code planJson}: the plan, plus what it learned when the
 * rollout started and what an operator asked for since. Immutable.
 *
 * @param baselineP99Ms each selected agent's p99 latency (mean over its pipelines running the model)
 *     in the soak-long window before the rollout started; agents without samples are absent
 * @param abortRequested set by {@link RolloutEngine#abort}: the rollback that follows ends in
 *     {@code ABORTED} instead of {@code ROLLED_BACK}
 */
record StoredPlan(RolloutPlan plan, Map<String, Double> baselineP99Ms, boolean abortRequested) {
  StoredPlan {
    baselineP99Ms = Map.copyOf(baselineP99Ms);
  }

  static StoredPlan of(RolloutPlan plan) {
    return new StoredPlan(plan, Map.of(), false);
  }

  StoredPlan withBaseline(Map<String, Double> baseline) {
    return new StoredPlan(plan, baseline, abortRequested);
  }

  StoredPlan withAbortRequested() {
    return new StoredPlan(plan, baselineP99Ms, true);
  }
}
