package io.edgeladder.controller.store.fleet;

/** What the registry did with a heartbeat. Only {@link #RECORDED} and {@link #ADOPTED} keep KPIs. */
public enum HeartbeatOutcome {
  /** From the current incarnation: last seen, seq and KPIs recorded. */
  RECORDED,
  /**
   * From an incarnation without a recorded birth while the current one was quiet for longer than
   * the duplicate window: it becomes the current incarnation (birth lost or not yet received).
   */
  ADOPTED,
  /** From another incarnation while the current one is alive: rejected, agent flagged. */
  DUPLICATE,
  /** No birth was ever recorded for the agent id: rejected. */
  UNKNOWN_AGENT
}
