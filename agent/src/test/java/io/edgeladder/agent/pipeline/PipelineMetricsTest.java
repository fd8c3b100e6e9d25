package io.edgeladder.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {
  private final MockClock clock = new MockClock();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
  private final PipelineMetrics metrics = new PipelineMetrics(registry, "pump-1", () -> 0, () -> 0);

  @Test
  void latency_scraped_exportsCumulativeBucketsForHistogramQuantile() {
    metrics.total.record(800, TimeUnit.MICROSECONDS);
    metrics.total.record(30, TimeUnit.MILLISECONDS);

    String text = registry.scrape();

    assertThat(text)
        .contains("edge_inference_latency_seconds_bucket{pipeline=\"pump-1\",stage=\"total\",le=\"5.0E-4\"} 0")
        .contains("edge_inference_latency_seconds_bucket{pipeline=\"pump-1\",stage=\"total\",le=\"0.001\"} 1")
        .contains("edge_inference_latency_seconds_bucket{pipeline=\"pump-1\",stage=\"total\",le=\"0.05\"} 2")
        .contains("edge_inference_latency_seconds_bucket{pipeline=\"pump-1\",stage=\"total\",le=\"+Inf\"} 2");
    assertThat(text.lines().filter(l -> l.startsWith("edge_inference_latency_seconds_bucket{pipeline=\"pump-1\",stage=\"run\"")))
        .hasSize(PipelineMetrics.LATENCY_BUCKETS.length + 1);
  }

  @Test
  void latency_pastThePercentileExpiry_bucketsKeepCounting() {
    metrics.total.record(800, TimeUnit.MICROSECONDS);
    clock.add(Duration.ofMinutes(5)); // the /status percentiles rotate out after ~30 s; rate() needs counters

    metrics.total.record(800, TimeUnit.MICROSECONDS);

    assertThat(registry.scrape())
        .contains("edge_inference_latency_seconds_bucket{pipeline=\"pump-1\",stage=\"total\",le=\"0.001\"} 2");
    assertThat(PipelineMetrics.percentilesMillis(metrics.total)).containsOnlyKeys("p50", "p99", "p999");
  }
}
