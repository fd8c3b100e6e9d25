package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.rollout.RolloutStore;

/** What the engine's steps work with; every part is thread-safe. */
record StepContext(
    RolloutStore store,
    DesiredStateStore desired,
    RolloutTarget target,
    KpiReader kpis,
    StagePlanner planner,
    Saver saver,
    RolloutMetrics metrics) {

  /** The agent's desired version now, 0 if none was issued. */
  long desiredVersion(String agentId) {
    return desired.get(agentId).flatMap(AgentState::desired).map(DesiredRecord::version).orElse(0L);
  }
}
