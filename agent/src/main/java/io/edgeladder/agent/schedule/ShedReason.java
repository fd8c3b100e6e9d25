package io.edgeladder.agent.schedule;

/** Why a window was dropped without a result; the metric tag of {@code edge.windows.shed}. */
public enum ShedReason {
  /** It could no longer finish before its deadline when a worker reached it. */
  DEADLINE("deadline"),
  /** The queue was full and it had the latest deadline. */
  QUEUE_FULL("queue-full"),
  /** Every window buffer of its pipeline was in use when it closed. */
  NO_BUFFER("no-buffer"),
  /** The agent was stopping. */
  SHUTDOWN("shutdown");

  private final String tag;

  ShedReason(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
