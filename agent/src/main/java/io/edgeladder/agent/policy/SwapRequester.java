package io.edgeladder.agent.policy;

/**
 * Asks the swap manager to serve another variant on a pipeline. Implemented by the swap package.
 *
 * <p>Threads: called on the policy loop's thread; must return quickly (the swap runs elsewhere: load,
 * warm-up, golden check, flip) and must not throw for an ordinary refusal; failures are reported by the
 * swap manager's own events, and the policy sees the outcome as the pipeline's active variant on later
 * ticks.
 */
public interface SwapRequester {
  /**
   * @param pipeline pipeline name
   * @param variantId the ladder variant to switch to
   * @param reason why the policy wants it (for events and logs)
   */
  void requestSwap(String pipeline, String variantId, String reason);
}
