package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.ConcurrentUpdateException;
import io.edgeladder.controller.store.rollout.GateResult;
import io.edgeladder.controller.store.rollout.NewEvent;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.RolloutStore;
import io.edgeladder.controller.store.rollout.RolloutUpdate;
import io.edgeladder.controller.store.rollout.StageAssignment;
import java.util.List;

/**
 * Saves engine steps through the {@link RolloutStore}: checks the move against {@link Transitions},
 * and turns a lost optimistic race into {@code null} (counted) so the caller stops and the next tick
 * re-reads. Thread-safe.
 */
final class Saver {
  private final RolloutStore store;
  private final RolloutMetrics metrics;

  Saver(RolloutStore store, RolloutMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  /** Saves {@code r} moved to {@code state} at {@code stage}, keeping reason and plan. */
  RolloutRecord save(RolloutRecord r, RolloutState state, int stage, NewEvent... events) {
    return save(r, state, stage, r.reason(), r.planJson(), List.of(), List.of(), List.of(events));
  }

  /**
   * Saves one step atomically.
   *
   * @return the stored record (next version), or {@code null} if another writer saved first
   * @throws IllegalRolloutTransitionException if the state machine has no such move
   */
  RolloutRecord save(RolloutRecord r, RolloutState state, int stage, String reason, String planJson,
      List<StageAssignment> assignments, List<GateResult> gates, List<NewEvent> events) {
    Transitions.check(r, state);
    RolloutRecord next = new RolloutRecord(r.id(), r.model(), r.releaseSha(), r.previousReleaseSha(),
        planJson, state, stage, reason, r.createdAt(), r.updatedAt(), r.version());
    RolloutRecord saved;
    try {
      saved = store.save(new RolloutUpdate(next, assignments, gates, events));
    } catch (ConcurrentUpdateException e) {
      metrics.conflict();
      return null;
    }
    metrics.seen(saved.id(), saved.state());
    if (state != r.state()) {
      metrics.transition(state);
    }
    for (GateResult g : gates) {
      if (!g.passed()) {
        metrics.gateFailed(g.gate());
      }
    }
    return saved;
  }

  /**
   * Whether {@code claimed} is still the stored version: checked before each side effect of a
   * claimed step, so an engine that lost the rollout to another stops issuing.
   */
  boolean stillCurrent(RolloutRecord claimed) {
    boolean current = store.find(claimed.id()).map(r -> r.version() == claimed.version()).orElse(false);
    if (!current) {
      metrics.conflict();
    }
    return current;
  }
}
