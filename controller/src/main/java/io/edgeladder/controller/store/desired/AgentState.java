package io.edgeladder.controller.store.desired;

import java.util.Optional;

/** Desired and reported state of one agent, either of which may be missing. */
public record AgentState(String agentId, Optional<DesiredRecord> desired, Optional<ReportedRecord> reported) {

  /**
   * Whether the agent is not (yet) running what it was told: a desired state exists and the report
   * is missing, about another version, or not {@link ApplyState#APPLIED}.
   */
  public boolean drift() {
    if (desired.isEmpty()) {
      return false;
    }
    return reported.isEmpty()
        || reported.get().desiredVersion() != desired.get().version()
        || reported.get().state() != ApplyState.APPLIED;
  }
}
