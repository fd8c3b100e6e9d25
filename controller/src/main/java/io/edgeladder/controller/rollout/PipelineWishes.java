package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.fleet.PipelineInfo;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.PipelineDesired;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a rollout wants in one agent's desired state: the release on every pipeline that runs the
 * model, the agent's other desired pipelines left as they are. Immutable, thread-safe.
 *
 * @param current the agent's desired pipelines now, by name (empty without a desired state)
 * @param wanted one entry per pipeline of the agent that runs the model
 */
record PipelineWishes(Optional<DesiredRecord> desired, Map<String, PipelineDesired> current,
    List<PipelineDesired> wanted) {

  /**
   * @throws AssignmentRejectedException if the agent is unknown or no pipeline of it runs {@code model}
   * @throws IllegalStateException if the stored desired state does not parse
   */
  static PipelineWishes of(AgentRegistry agents, Optional<DesiredRecord> desired, String agentId,
      String model, String releaseSha, Bounds bounds) {
    AgentRecord agent = agents.find(agentId).orElseThrow(() -> new AssignmentRejectedException(
        agentId, "agent " + agentId + " is not in the registry"));
    List<PipelineDesired> wanted = new ArrayList<>();
    for (PipelineInfo p : agent.registration().pipelines()) {
      if (p.model().equals(model)) {
        wanted.add(new PipelineDesired(p.name(), model, releaseSha, bounds));
      }
    }
    if (wanted.isEmpty()) {
      throw new AssignmentRejectedException(agentId,
          "agent " + agentId + " has no pipeline running model " + model);
    }
    return new PipelineWishes(desired, parse(desired), List.copyOf(wanted));
  }

  /** Whether the desired state already says exactly what is wanted (nothing to issue). */
  boolean satisfied() {
    return desired.isPresent() && wanted.stream().allMatch(w -> w.equals(current.get(w.name())));
  }

  /** The current pipelines with the wanted ones replaced or added. */
  List<PipelineDesired> merged() {
    Map<String, PipelineDesired> next = new LinkedHashMap<>(current);
    wanted.forEach(w -> next.put(w.name(), w));
    return List.copyOf(next.values());
  }

  private static Map<String, PipelineDesired> parse(Optional<DesiredRecord> desired) {
    Map<String, PipelineDesired> byName = new LinkedHashMap<>();
    if (desired.isPresent()) {
      DesiredRecord d = desired.get();
      try {
        for (PipelineDesired p : DesiredState.parse(d.json().getBytes(StandardCharsets.UTF_8)).pipelines()) {
          byName.put(p.name(), p);
        }
      } catch (ProtocolException e) {
        throw new IllegalStateException("stored desired state " + d.version() + " of " + d.agentId()
            + " does not parse: " + e.getMessage(), e);
      }
    }
    return byName;
  }
}
