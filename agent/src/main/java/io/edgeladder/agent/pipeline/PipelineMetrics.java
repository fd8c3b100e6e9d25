package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.ingest.DecodeError;
import io.edgeladder.agent.schedule.ShedReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One pipeline's meters, registered once; recording is allocation-free (counters are adders, timers
 * keep rotating percentile histograms).
 *
 * <p>Meter names: {@code edge.messages.in}, {@code edge.decode.errors{kind}}, {@code edge.windows.in},
 * {@code edge.windows.out}, {@code edge.windows.shed{reason}}, {@code edge.deadline.misses},
 * {@code edge.inference.failures}, {@code edge.results.publish.failed},
 * {@code edge.inference.latency{stage=queue|run|total}}; all tagged {@code pipeline}.
 *
 * <p>The latency timers keep two distributions: rotating percentiles over ~30 s for {@code /status}, and
 * cumulative buckets ({@link #LATENCY_BUCKETS}, exported as {@code edge_inference_latency_seconds_bucket})
 * for Prometheus' {@code histogram_quantile} across agents and time ranges. With buckets the Prometheus
 * export is a histogram: the percentiles stay in {@code /status} only.
 */
final class PipelineMetrics {
  private static final double[] PERCENTILES = {0.5, 0.99, 0.999};
  /** 0.1 ms to 2 s, 14 bounds: around the model's run time (0.2-2 ms) and the deadlines (2-50 ms). */
  static final Duration[] LATENCY_BUCKETS = millis(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000);

  final Counter messagesIn;
  final Counter windowsOut;
  final Counter deadlineMisses;
  final Counter failures;
  final Counter publishFailed;
  final Timer queue;
  final Timer run;
  final Timer total;
  private final Counter[] decodeErrors = new Counter[DecodeError.values().length];
  private final Counter[] shed = new Counter[ShedReason.values().length];

  private final LongSupplier noBufferShed;
  private final LongSupplier windowsCut;

  /**
   * @param windowsCut read by {@code edge.windows.in}: windows cut by the ingest side
   * @param noBufferShed read by {@code edge.windows.shed{reason=no-buffer}}: counted by the ingest side
   */
  PipelineMetrics(MeterRegistry registry, String pipeline, LongSupplier windowsCut, LongSupplier noBufferShed) {
    Tags tags = Tags.of("pipeline", pipeline);
    this.noBufferShed = noBufferShed;
    this.windowsCut = windowsCut;
    FunctionCounter.builder("edge.windows.in", windowsCut, s -> s.getAsLong()).tags(tags).register(registry);
    FunctionCounter.builder("edge.windows.shed", noBufferShed, s -> s.getAsLong())
        .tags(tags.and("reason", ShedReason.NO_BUFFER.tag())).register(registry);
    messagesIn = registry.counter("edge.messages.in", tags);
    windowsOut = registry.counter("edge.windows.out", tags);
    deadlineMisses = registry.counter("edge.deadline.misses", tags);
    failures = registry.counter("edge.inference.failures", tags);
    publishFailed = registry.counter("edge.results.publish.failed", tags);
    queue = timer(registry, tags, "queue");
    run = timer(registry, tags, "run");
    total = timer(registry, tags, "total");
    for (DecodeError k : DecodeError.values()) {
      decodeErrors[k.ordinal()] = registry.counter("edge.decode.errors", tags.and("kind", k.tag()));
    }
    for (ShedReason r : ShedReason.values()) {
      if (r == ShedReason.NO_BUFFER) continue;
      shed[r.ordinal()] = registry.counter("edge.windows.shed", tags.and("reason", r.tag()));
    }
  }

  private static Timer timer(MeterRegistry registry, Tags tags, String stage) {
    return Timer.builder("edge.inference.latency")
        .tags(tags.and("stage", stage))
        .publishPercentiles(PERCENTILES)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .distributionStatisticExpiry(Duration.ofSeconds(30))
        .distributionStatisticBufferLength(3)
        .register(registry);
  }

  private static Duration[] millis(double... bounds) {
    Duration[] out = new Duration[bounds.length];
    for (int i = 0; i < bounds.length; i++) out[i] = Duration.ofNanos(Math.round(bounds[i] * 1e6));
    return out;
  }

  long windowsIn() {
    return windowsCut.getAsLong();
  }

  void decodeError(DecodeError kind) {
    decodeErrors[kind.ordinal()].increment();
  }

  void countShed(ShedReason reason) {
    if (reason == ShedReason.NO_BUFFER) {
      throw new IllegalArgumentException("no-buffer sheds are counted by the windower");
    }
    shed[reason.ordinal()].increment();
  }

  long decodeErrors(DecodeError kind) {
    return (long) decodeErrors[kind.ordinal()].count();
  }

  long shedCount(ShedReason reason) {
    if (reason == ShedReason.NO_BUFFER) return noBufferShed.getAsLong();
    return (long) shed[reason.ordinal()].count();
  }

  /** p50/p99/p99.9 of a timer in milliseconds, over the last ~30 s. */
  static Map<String, Double> percentilesMillis(Timer t) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (ValueAtPercentile v : t.takeSnapshot().percentileValues()) {
      String key = v.percentile() == 0.5 ? "p50" : v.percentile() == 0.99 ? "p99" : "p999";
      out.put(key, Math.round(v.value(TimeUnit.MICROSECONDS)) / 1000.0);
    }
    return out;
  }
}
