package io.edgeladder.controller.rollout;

import io.edgeladder.controller.desired.DesiredStateRejectedException;
import io.edgeladder.controller.desired.DesiredStateService;
import io.edgeladder.controller.store.ConcurrentUpdateException;
import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.DesiredRecord;
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
 * republishes stored states after every broker connect). Otherwise the merged state is issued with
 * the service's compare-and-set on the version it was merged from, which must be the expected one:
 * two callers assigning the same agent at the same instant issue once (the loser finds the
 * winner's state and returns its version), and a stale caller never overwrites a newer state.
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
  public long assign(String agentId, String model, String releaseSha, Bounds bounds, long expectedVersion) {
    PipelineWishes wishes = wishes(agentId, model, releaseSha, bounds);
    if (wishes.satisfied()) {
      return wishes.desired().orElseThrow().version();
    }
    long current = wishes.desired().map(DesiredRecord::version).orElse(0L);
    long over = expectedVersion == CURRENT ? current : expectedVersion;
    if (current != over) {
      throw new ConcurrentUpdateException("desired state of " + agentId, over);
    }
    try {
      return service.setForAgent(agentId, wishes.merged(), over).issued().get(0).version();
    } catch (ConcurrentUpdateException e) {
      // Another caller issued since our read: fine if it issued exactly this.
      PipelineWishes now = wishes(agentId, model, releaseSha, bounds);
      if (now.satisfied()) {
        return now.desired().orElseThrow().version();
      }
      throw e;
    } catch (DesiredStateRejectedException e) {
      throw new AssignmentRejectedException(agentId, e.getMessage());
    }
  }

  private PipelineWishes wishes(String agentId, String model, String releaseSha, Bounds bounds) {
    return PipelineWishes.of(agents, desired.get(agentId).flatMap(AgentState::desired), agentId, model,
        releaseSha, bounds);
  }
}
