package io.edgeladder.controller.store.rollout;

/** Where one agent stands in a rollout. */
public enum AssignmentState {
  /** Assigned to a stage that has not reached it yet. */
  PENDING,
  /**
   * Claimed by the engine, desired state not confirmed yet; the assignment's {@code desiredVersion} is
   * the agent's desired version at the claim, the only one the issue may replace.
   */
  ASSIGNING,
  /** Desired state with the new release issued. */
  PUSHED,
  /** The agent reported the new release applied. */
  APPLIED,
  /** The agent rejected it or did not apply it in time. */
  FAILED,
  /** Desired state with the previous release issued again. */
  ROLLED_BACK
}
