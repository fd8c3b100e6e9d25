package io.edgeladder.agent.pipeline;

import io.micrometer.core.instrument.Clock;
import java.util.List;

/**
 * Windows per second in and out of each pipeline over the last tick. Written by {@link #tick} on the
 * ticker thread, read by status snapshots (volatile doubles, one writer).
 */
final class RateTracker {
  private final List<Pipeline> pipelines;
  private final Clock clock;
  private final long[] lastIn;
  private final long[] lastOut;
  private final double[] inRate;
  private final double[] outRate;
  private long lastNanos;

  RateTracker(List<Pipeline> pipelines, Clock clock) {
    this.pipelines = pipelines;
    this.clock = clock;
    this.lastIn = new long[pipelines.size()];
    this.lastOut = new long[pipelines.size()];
    this.inRate = new double[pipelines.size()];
    this.outRate = new double[pipelines.size()];
    this.lastNanos = clock.monotonicTime();
  }

  synchronized void tick() {
    long now = clock.monotonicTime();
    double seconds = (now - lastNanos) / 1e9;
    if (seconds <= 0) {
      return;
    }
    for (Pipeline p : pipelines) {
      long in = (long) p.metrics.windowsIn();
      long out = (long) p.metrics.windowsOut.count();
      inRate[p.index] = (in - lastIn[p.index]) / seconds;
      outRate[p.index] = (out - lastOut[p.index]) / seconds;
      lastIn[p.index] = in;
      lastOut[p.index] = out;
    }
    lastNanos = now;
  }

  synchronized double inPerSecond(int pipeline) {
    return inRate[pipeline];
  }

  synchronized double outPerSecond(int pipeline) {
    return outRate[pipeline];
  }
}
