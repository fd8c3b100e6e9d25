package io.edgeladder.controller.store.rollout;

import io.edgeladder.controller.store.Require;
import java.time.Instant;

/**
 * An entry of a rollout's append-only event log.
 *
 * @param id increasing in append order across all rollouts (a cursor for tailing)
 * @param type e.g. {@code stage.started}, {@code gate.failed}, {@code paused}
 * @param detail JSON or text, {@code null} if none
 */
public record RolloutEvent(long id, String rolloutId, Instant at, String type, String detail) {
  public RolloutEvent {
    Require.id("rolloutId", rolloutId, 64);
    at = Require.micros("at", at);
    Require.id("event type", type, 64);
  }
}
