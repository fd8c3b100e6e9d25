package io.edgeladder.controller.variants.evaluate;

import io.edgeladder.protocol.ladder.Latency;
import java.util.Arrays;
import java.util.function.LongSupplier;

/** Times sequential runs of one model on one input: warm-up, then timed runs, then percentiles. */
final class LatencyMeter {
  private final LongSupplier nanoTicker;
  private final EvaluationSettings settings;

  /** @param nanoTicker monotonic nanoseconds (e.g. {@code System::nanoTime}) */
  LatencyMeter(LongSupplier nanoTicker, EvaluationSettings settings) {
    this.nanoTicker = nanoTicker;
    this.settings = settings;
  }

  Latency measure(OrtModel model, float[] input) throws ModelEvaluationException {
    float[] out = new float[model.outputSize()];
    for (int i = 0; i < settings.warmupRuns(); i++) model.run(input, out);
    long[] nanos = new long[settings.timedRuns()];
    for (int i = 0; i < nanos.length; i++) {
      long start = nanoTicker.getAsLong();
      model.run(input, out);
      nanos[i] = nanoTicker.getAsLong() - start;
    }
    return of(nanos, settings);
  }

  /** p50 and p99 (nearest rank) of {@code nanos}, in milliseconds. */
  static Latency of(long[] nanos, EvaluationSettings settings) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latency(percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6,
        settings.intraOpThreads(), settings.warmupRuns(), sorted.length);
  }

  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
