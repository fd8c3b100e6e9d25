package io.edgeladder.controller.store.rollout;

import io.edgeladder.controller.store.Require;
import java.time.Instant;

/**
 * One agent's place in a rollout.
 *
 * @param stage 0 = canary, then waves 1, 2, ...
 * @param desiredVersion the desired-state version issued for this rollout, 0 before any; while
 *     {@link AssignmentState#ASSIGNING}, the agent's desired version when it was claimed
 */
public record StageAssignment(
    String agentId, int stage, AssignmentState state, long desiredVersion, Instant updatedAt) {
  public StageAssignment {
    Require.id("agentId", agentId, 128);
    if (stage < 0) {
      throw new IllegalArgumentException("stage of " + agentId + " must be >= 0 but was " + stage);
    }
    Require.present("assignment state", state);
    Require.nonNegative("desiredVersion", desiredVersion);
    updatedAt = Require.micros("updatedAt", updatedAt);
  }
}
