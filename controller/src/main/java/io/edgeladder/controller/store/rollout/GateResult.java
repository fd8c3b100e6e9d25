package io.edgeladder.controller.store.rollout;

import io.edgeladder.controller.store.Require;
import java.time.Instant;

/**
 * One gate evaluated at the end of a stage, e.g. {@code missRate} observed 0.12 against a
 * threshold of 0.05.
 *
 * @param detail free text or JSON the engine wants to keep (per-agent values), {@code null} if none
 */
public record GateResult(
    int stage, String gate, boolean passed, double observed, double threshold, String detail,
    Instant evaluatedAt) {
  public GateResult {
    if (stage < 0) {
      throw new IllegalArgumentException("gate stage must be >= 0 but was " + stage);
    }
    Require.id("gate", gate, 64);
    if (!Double.isFinite(observed) || !Double.isFinite(threshold)) {
      throw new IllegalArgumentException(
          "gate " + gate + " values must be finite but were observed=" + observed + " threshold=" + threshold);
    }
    evaluatedAt = Require.micros("evaluatedAt", evaluatedAt);
  }
}
