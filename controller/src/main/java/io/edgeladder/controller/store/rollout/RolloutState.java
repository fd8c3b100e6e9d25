package io.edgeladder.controller.store.rollout;

/**
 * Persisted rollout states. The rollout engine owns the transition table; the store only keeps the
 * state and finds the rollouts that are not {@link #terminal()} so the engine can resume them.
 */
public enum RolloutState {
  PENDING,
  RUNNING,
  PAUSED,
  ROLLING_BACK,
  ROLLED_BACK,
  COMPLETED,
  ABORTED;

  /** Whether the rollout is finished and will not change again. */
  public boolean terminal() {
    return this == ROLLED_BACK || this == COMPLETED || this == ABORTED;
  }
}
