package io.edgeladder.controller.store.fleet;

/** What a birth did to the registry. */
public enum BirthOutcome {
  /** First birth for this agent id. */
  NEW,
  /** Same incarnation announced again (reconnect of the same process). */
  RECONNECTED,
  /** A new incarnation replaced one that had gone quiet: a restart. */
  RESTARTED,
  /**
   * The incarnation the current one had replaced announced itself again, so two processes share
   * the id; the agent is flagged. The birth is still recorded (the newest birth is the current one).
   */
  DUPLICATE
}
