package io.edgeladder.controller.store.rollout;

/** Where one agent stands in a rollout. */
public enum AssignmentState {
  /** Assigned to a stage that has not reached it yet. */
  PENDING,
  /** Desired state with the new release issued. */
  PUSHED,
  /** The agent reported the new release applied. */
  APPLIED,
  /** The agent rejected it or did not apply it in time. */
  FAILED,
  /** Desired state with the previous release issued again. */
  ROLLED_BACK
}
