package io.edgeladder.protocol.ladder;

/**
 * Latency of one inference (batch 1) on the reference host, measured sequentially after a warm-up.
 *
 * @param p50Ms median, milliseconds
 * @param p99Ms 99th percentile, milliseconds
 * @param threads ONNX Runtime intra-op threads
 * @param warmupRuns runs discarded before timing
 * @param timedRuns runs the percentiles are taken over
 */
public record Latency(double p50Ms, double p99Ms, int threads, int warmupRuns, int timedRuns) {

  public Latency {
    Checks.nonNegative("latency.p50Ms", p50Ms);
    Checks.nonNegative("latency.p99Ms", p99Ms);
    if (p99Ms < p50Ms) {
      throw new IllegalArgumentException(
          "ladder latency.p99Ms must be >= p50Ms (" + p50Ms + ") but was " + p99Ms);
    }
    Checks.positive("latency.threads", threads);
    Checks.nonNegative("latency.warmupRuns", warmupRuns);
    Checks.positive("latency.timedRuns", timedRuns);
  }
}
