package io.edgeladder.bench.adaptive;

import java.util.Map;

/**
 * Figures of the contention scenario.
 *
 * @param windowsPerSecond the stream's window rate (chosen from {@code capacity} unless fixed)
 * @param windowsPerMessage windows each sensor message closes
 * @param workers the agent's inference threads
 * @param deadlineMs per-window deadline
 * @param competitorAtSeconds when the competitor started, from the start of the measured phase
 * @param competitorCpu the core it was pinned to, -1 when unpinned
 * @param competitorNice its niceness
 * @param seconds measured phase
 * @param holdDownMs the policy's hold-down in the adaptive run
 * @param staticVariant the pinned, most accurate rung
 * @param capacity saturated windows/s per rung, without and with the competitor
 * @param fixed the static run
 * @param adaptive the policy's run
 */
record ContentionResult(double windowsPerSecond, int windowsPerMessage, int workers, int deadlineMs,
    double competitorAtSeconds, int competitorCpu, int competitorNice, double seconds, int holdDownMs,
    String staticVariant, Map<String, CapacityProbe.Capacity> capacity, RunFigures fixed, RunFigures adaptive) {

  /** Static miss rate over adaptive miss rate during the contention (infinite when adaptive missed none). */
  double missRatio() {
    return fixed.missRateAfter() / adaptive.missRateAfter();
  }
}
