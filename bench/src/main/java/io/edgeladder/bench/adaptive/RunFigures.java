package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.PipelineCounts;
import java.util.List;
import java.util.Map;

/**
 * What one agent run of the contention or battery scenario did, from its results, events and
 * {@code /proc}: a window counts as missed when its result came late or never (shed, lost).
 *
 * @param name run name ({@code static}, {@code adaptive})
 * @param pinned the pinned variant, or null when the policy chose
 * @param windows windows closed in the measured phase
 * @param served of those, windows with a result
 * @param late served after their deadline
 * @param missRate (late + unanswered) / windows over the measured phase
 * @param missRateBefore the same before the event (contention start), NaN when there is none
 * @param missRateAfter the same from the event to the end
 * @param recoverySeconds event → start of the first whole second with a miss rate under 1 % that follows a
 *     second at or above it; 0 when no second reached 1 %; NaN when it never came back under 1 %
 * @param missRatePerSecond miss rate of each second of the measured phase
 * @param variantShare fraction of served windows each variant ran
 * @param switches swaps the agent made, warm-up included (from its events)
 * @param agentCpuSeconds CPU time of the agent process over the measured phase
 * @param cpuSecondsPer1000 {@code agentCpuSeconds} per 1000 served windows
 * @param accuracy served windows of a single injected condition whose class matched it, over such windows
 * @param accuracyByVariant the same per variant
 * @param batteryStartPercent simulated battery at the start of the phase, NaN without one
 * @param batteryEndPercent at the end
 * @param agent the agent's pipeline counters over the phase ({@code /status}: shed, deadline misses, ...)
 * @param competitorCores CPU seconds the competitor got per second it ran (1.0 = a whole core), NaN without
 */
record RunFigures(String name, String pinned, long windows, long served, long late, double missRate,
    double missRateBefore, double missRateAfter, double recoverySeconds, List<Double> missRatePerSecond,
    Map<String, Double> variantShare, List<Switch> switches, double agentCpuSeconds, double cpuSecondsPer1000,
    double accuracy, Map<String, Double> accuracyByVariant, double batteryStartPercent, double batteryEndPercent,
    PipelineCounts agent, double competitorCores) {

  /**
   * A swap the agent made.
   *
   * @param atSeconds {@code swap.completed} arrival from the start of the measured phase (negative: warm-up)
   * @param from variant before
   * @param to variant after
   * @param reason the policy's reason (its last {@code policy.decision} SWITCH to {@code to} before)
   */
  record Switch(double atSeconds, String from, String to, String reason) {}
}
