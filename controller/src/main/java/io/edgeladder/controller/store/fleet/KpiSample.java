package io.edgeladder.controller.store.fleet;

import io.edgeladder.controller.store.Require;
import java.time.Instant;

/**
 * One pipeline's KPIs as received with one heartbeat.
 *
 * @param receivedAt controller time the heartbeat was recorded
 */
public record KpiSample(Instant receivedAt, String incarnation, long seq, PipelineKpis kpis) {
  public KpiSample {
    receivedAt = Require.micros("receivedAt", receivedAt);
    Require.id("incarnation", incarnation, 64);
    Require.nonNegative("seq", seq);
    Require.present("kpis", kpis);
  }
}
