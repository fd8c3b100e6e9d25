package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.rollout.RolloutState;

/** A rollout was asked to move where its state machine does not go, e.g. resume a completed one. */
public final class IllegalRolloutTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final String rolloutId;
  private final RolloutState from;
  private final RolloutState to;

  public IllegalRolloutTransitionException(String rolloutId, RolloutState from, RolloutState to) {
    super("rollout " + rolloutId + " cannot go from " + from + " to " + to);
    this.rolloutId = rolloutId;
    this.from = from;
    this.to = to;
  }

  public String rolloutId() {
    return rolloutId;
  }

  public RolloutState from() {
    return from;
  }

  public RolloutState to() {
    return to;
  }
}
