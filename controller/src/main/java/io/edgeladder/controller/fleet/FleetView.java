package io.edgeladder.controller.fleet;

import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.KpiSample;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.fleet.PipelineKpis;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Read side of the fleet for the REST layer and the CLI: agents with online state, labels, active variants,
 * KPIs and drift. Stateless over the stores; thread-safe.
 */
public final class FleetView {
  private final AgentRegistry agents;
  private final DesiredStateStore desired;

  public FleetView(AgentRegistry agents, DesiredStateStore desired) {
    this.agents = agents;
    this.desired = desired;
  }

  /** Agents matching {@code selector}, sorted by id. */
  public List<AgentView> list(LabelSelector selector) {
    Map<String, AgentState> states = desired.all().stream()
        .collect(Collectors.toMap(AgentState::agentId, s -> s));
    return agents.list(selector).stream()
        .map(a -> view(a, states.getOrDefault(a.agentId(), empty(a.agentId())))).toList();
  }

  public Optional<AgentView> get(String agentId) {
    return agents.find(agentId).map(a -> view(a, desired.get(agentId).orElse(empty(agentId))));
  }

  private static AgentState empty(String agentId) {
    return new AgentState(agentId, Optional.empty(), Optional.empty());
  }

  private static AgentView view(AgentRecord a, AgentState state) {
    List<AgentView.Pipeline> pipelines = a.registration().pipelines().stream().map(p -> {
      KpiSample sample = a.latestKpis().get(p.name());
      PipelineKpis kpis = sample == null ? null : sample.kpis();
      String active = kpis != null ? kpis.activeVariant() : p.activeVariant();
      return new AgentView.Pipeline(p.name(), p.model(), active, p.releaseSha(), kpis);
    }).toList();
    return new AgentView(a.agentId(), a.status() == AgentStatus.ONLINE, a.lastSeen(), a.registration().labels(),
        a.duplicate().isPresent(), pipelines, Drift.of(state));
  }
}
