package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.fleet.KpiSample;
import io.edgeladder.controller.store.fleet.PipelineInfo;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the heartbeat KPIs the registry keeps into {@link AgentWindow}s for one model. The pipelines
 * are those the agent's current birth says run the model. Stateless apart from the registry;
 * thread-safe.
 */
final class KpiReader {
  private final AgentRegistry agents;

  KpiReader(AgentRegistry agents) {
    this.agents = agents;
  }

  /** KPIs of {@code agentId}'s pipelines running {@code model}, received in {@code [from, to]}. */
  AgentWindow read(String agentId, String model, Instant from, Instant to) {
    Optional<AgentRecord> agent = agents.find(agentId);
    if (agent.isEmpty()) {
      return AgentWindow.empty(agentId);
    }
    int minSamples = Integer.MAX_VALUE;
    int samples = 0;
    int latencySamples = 0;
    double miss = 0;
    double error = 0;
    double p99 = 0;
    for (PipelineInfo p : agent.get().registration().pipelines()) {
      if (!p.model().equals(model)) {
        continue;
      }
      int pipelineSamples = 0;
      for (KpiSample s : agents.kpiHistory(agentId, p.name(), from)) {
        if (s.receivedAt().isAfter(to)) {
          continue;
        }
        pipelineSamples++;
        miss += s.kpis().missRate();
        error += s.kpis().errorRate();
        if (s.kpis().p99Ms() > 0) {
          p99 += s.kpis().p99Ms();
          latencySamples++;
        }
      }
      samples += pipelineSamples;
      minSamples = Math.min(minSamples, pipelineSamples);
    }
    if (samples == 0) {
      return AgentWindow.empty(agentId);
    }
    return new AgentWindow(agentId, minSamples, miss / samples, error / samples,
        latencySamples == 0 ? Double.NaN : p99 / latencySamples);
  }
}
