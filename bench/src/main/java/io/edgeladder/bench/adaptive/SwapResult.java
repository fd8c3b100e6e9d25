package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.PipelineCounts;
import io.edgeladder.bench.Samples;
import java.util.List;

/**
 * Figures of the forced-swap scenario.
 *
 * @param windows windows closed in the measured phase
 * @param unanswered of those, windows without a result
 * @param lost unanswered windows beyond those the agent shed (deadline, full queue): windows the swap path lost
 * @param duplicates results whose seq had already arrived (whole run)
 * @param reordered results that arrived after a higher seq (whole run)
 * @param late results past their deadline
 * @param deadlineMs the pipeline's deadline
 * @param agent the agent's pipeline counters over the phase ({@code /status})
 * @param steady E2E latency of windows closed away from swaps
 * @param nearSwaps E2E latency of windows closed from 1 s before a request to 1 s after the new variant's first result
 * @param controls E2E latency of the windows in intervals as long as the near-swap ones, half a swap
 *     period later (no swap): what the max of that many steady windows looks like
 * @param swaps every swap requested in the measured phase
 * @param failedSwaps {@code swap.failed} events
 * @param errors bench-side failures (a command or publish that threw); empty in a clean run
 */
record SwapResult(long windows, long unanswered, long lost, long duplicates, long reordered, long late,
    int deadlineMs, PipelineCounts agent, Samples.Summary steady, Samples.Summary nearSwaps,
    Samples.Summary controls, List<Swap> swaps, int failedSwaps, List<String> errors) {

  /**
   * One forced swap.
   *
   * @param to variant requested
   * @param atSeconds request time from the start of the stream
   * @param toFirstResultMs request → first result of {@code to} at the bench (load, warm-up, golden check,
   *     flip, and the MQTT path of that result)
   * @param flipMicros the atomic switch itself (agent's {@code swap.completed} event)
   * @param drainMicros the old variant finishing its in-flight runs
   * @param totalMillis request → old variant closed, as the agent measured it
   * @param completed whether a {@code swap.completed} event came
   */
  record Swap(String to, double atSeconds, double toFirstResultMs, double flipMicros, double drainMicros,
      double totalMillis, boolean completed) {}

  /** Max latency near swaps over steady p99: the bound is 1.5. */
  double swapMaxOverSteadyP99() {
    return nearSwaps.maxMs() / steady.p99Ms();
  }

  /** The same ratio for the control intervals: the max a swap-free stretch of that length reaches. */
  double controlMaxOverSteadyP99() {
    return controls.maxMs() / steady.p99Ms();
  }

  /**
   * Near-swap max over the control intervals' max: what the swaps add to the tail beyond what the same number of
   * swap-free windows reaches on this path in the same run (1.0 = nothing).
   */
  double swapMaxOverControlMax() {
    return nearSwaps.maxMs() / controls.maxMs();
  }

  long completedSwaps() {
    return swaps.stream().filter(Swap::completed).count();
  }

  double medianToFirstResultMs() {
    return median(swaps.stream().mapToDouble(Swap::toFirstResultMs).filter(d -> !Double.isNaN(d)).sorted().toArray());
  }

  double maxToFirstResultMs() {
    return swaps.stream().mapToDouble(Swap::toFirstResultMs).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
  }

  double medianFlipMicros() {
    return median(swaps.stream().mapToDouble(Swap::flipMicros).filter(d -> !Double.isNaN(d)).sorted().toArray());
  }

  double maxFlipMicros() {
    return swaps.stream().mapToDouble(Swap::flipMicros).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
  }

  private static double median(double[] sorted) {
    return sorted.length == 0 ? Double.NaN : sorted[(sorted.length - 1) / 2];
  }
}
