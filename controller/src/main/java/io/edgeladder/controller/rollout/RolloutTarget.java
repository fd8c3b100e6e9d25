package io.edgeladder.controller.rollout;

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

  /**
   * Makes {@code releaseSha} the desired release of every pipeline of {@code agentId} that runs
   * {@code model}, with {@code bounds}, keeping the agent's other pipelines as they are desired, and
   * publishes the agent's desired state.
   *
   * <p>Idempotent: when the agent's current desired state already says exactly this, no new version
   * is issued; the current one is returned. (Lost publishes are the publisher's to repeat.)
   *
   * @param releaseSha the release, or {@code null} for the agent's configured ladder
   * @param bounds limits on the agent's variant choice, {@code null} for none
   * @return the desired version that carries the release (what the agent reports applied)
   * @throws AssignmentRejectedException when this agent cannot take it (e.g. no pipeline of it runs
   *     {@code model}); the engine fails the agent's assignment
   * @throws RuntimeException for transient failures (database, broker); the engine retries on its
   *     next tick
   */
  long assign(String agentId, String model, String releaseSha, Bounds bounds);
}
