package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.ConcurrentUpdateException;
import io.edgeladder.protocol.fleet.Bounds;

/**
 * Where the rollout engine sends a release: the desired state of one agent. The engine calls it
 * after the step that needs it is persisted, and again for the same agent after a restart or a lost
 * race, so implementations must be idempotent.
 *
 * <p>Implementation: {@link DesiredServiceTarget}, over the controller's desired-state service.
 *
 * <p>Thread-safe: engines on several threads or controllers may call it.
 */
public interface RolloutTarget {
  /** {@code expectedVersion} for "over the desired version the agent has when the target reads it". */
  long CURRENT = -1;

  /**
   * Makes {@code releaseSha} the desired release of every pipeline of {@code agentId} that runs
   * {@code model}, with {@code bounds}, keeping the agent's other pipelines as they are desired, and
   * publishes the agent's desired state.
   *
   * <p>Idempotent: when the agent's current desired state already says exactly this, no new version
   * is issued; the current one is returned. (Lost publishes are the publisher's to repeat.)
   *
   * <p>Compare-and-set: otherwise a version is issued only over desired version {@code
   * expectedVersion} (0: none issued yet), checked atomically with the issue, so two callers never
   * both issue it and a caller that read an older state never overwrites a newer one.
   *
   * @param releaseSha the release, or {@code null} for the agent's configured ladder
   * @param bounds limits on the agent's variant choice, {@code null} for none
   * @param expectedVersion the desired version the new one may replace, or {@link #CURRENT}
   * @return the desired version that carries the release (what the agent reports applied)
   * @throws AssignmentRejectedException when this agent cannot take it (e.g. no pipeline of it runs
   *     {@code model}); the engine fails the agent's assignment
   * @throws ConcurrentUpdateException when the agent's desired version is no longer {@code
   *     expectedVersion} and does not say this; nothing is issued
   * @throws RuntimeException for transient failures (database, broker); the engine retries on its
   *     next tick
   */
  long assign(String agentId, String model, String releaseSha, Bounds bounds, long expectedVersion);

  /** {@link #assign(String, String, String, Bounds, long)} over the {@link #CURRENT} version. */
  default long assign(String agentId, String model, String releaseSha, Bounds bounds) {
    return assign(agentId, model, releaseSha, bounds, CURRENT);
  }
}
