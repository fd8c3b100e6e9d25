package io.edgeladder.controller.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The API's meters: {@code api.rejected{route,reason}} for every 4xx answer (bad JSON, a missing or invalid
 * field, an unknown agent, model, release or rollout, a conflict) and {@code api.errors{route}} for every
 * 5xx answer (store or broker unavailable, a bug). {@code route} is the route template, e.g.
 * {@code PUT /api/v1/agents/:id/desired}, or {@code unmatched}. Thread-safe.
 */
final class ApiMetrics {
  private final MeterRegistry meters;

  ApiMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void rejected(String route, String reason) {
    Counter.builder("api.rejected").description("API requests answered 4xx").tag("route", route)
        .tag("reason", reason).register(meters).increment();
  }

  void error(String route) {
    Counter.builder("api.errors").description("API requests answered 5xx").tag("route", route)
        .register(meters).increment();
  }
}
