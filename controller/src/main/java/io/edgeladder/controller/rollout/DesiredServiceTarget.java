package io.edgeladder.controller.rollout;

import io.edgeladder.controller.desired.DesiredStateRejectedException;
import io.edgeladder.controller.desired.DesiredStateService;
import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.protocol.fleet.Bounds;

/**
 * {@link RolloutTarget} over the controller's {@link DesiredStateService}: the desired state is
 * validated (release known and of the model, bounds naming its variants), issued, published
 * retained and recorded in the push history there. The agent's other desired pipelines are kept.
 *
 * <p>Idempotent: when the agent's stored desired state already carries the release and bounds on
 * every pipeline running the model, its version is returned and nothing is issued (the service
 * republishes stored states after every broker connect). Two callers assigning the same agent at
 * the same instant could both issue, since the service does not compare versions; the engine's
 * claim and per-agent version check leave only the time between that check and this call.
 *
 * <p>Thread-safe; calls block while the service waits for the broker's acknowledgement.
 */
public final class DesiredServiceTarget implements RolloutTarget {
  private final DesiredStateService service;
  private final AgentRegistry agents;
  private final DesiredStateStore desired;

  public DesiredServiceTarget(DesiredStateService service, AgentRegistry agents, DesiredStateStore desired) {
    this.service = service;
    this.agents = agents;
    this.desired = desired;
  }

  @Override
  public long assign(String agentId, String model, String releaseSha, Bounds bounds) {
    PipelineWishes wishes = PipelineWishes.of(agents,
        desired.get(agentId).flatMap(AgentState::desired), agentId, model, releaseSha, bounds);
    if (wishes.satisfied()) {
      return wishes.desired().orElseThrow().version();
    }
    try {
      return service.setForAgent(agentId, wishes.merged()).issued().get(0).version();
    } catch (DesiredStateRejectedException e) {
      throw new AssignmentRejectedException(agentId, e.getMessage());
    }
  }
}
