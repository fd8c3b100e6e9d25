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
   * A new incarnation took over while the one it replaced was heard within the duplicate window;
   * the agent is flagged. The birth is still recorded (the newest process is the current one).
   */
  DUPLICATE
}
