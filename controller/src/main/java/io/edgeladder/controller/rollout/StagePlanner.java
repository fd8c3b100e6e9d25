package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.fleet.PipelineInfo;
import io.edgeladder.controller.store.rollout.AssignmentState;
import io.edgeladder.controller.store.rollout.StageAssignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which agents a plan selects, what they run now, how they split into stages and their pre-rollout
 * latency. Reads the registry only; thread-safe.
 */
final class StagePlanner {
  private final AgentRegistry agents;
  private final KpiReader kpis;

  StagePlanner(AgentRegistry agents, KpiReader kpis) {
    this.agents = agents;
    this.kpis = kpis;
  }

  /** Agents the selector matches that have a pipeline running the plan's model, by agent id. */
  List<AgentRecord> select(RolloutPlan plan) {
    List<AgentRecord> selected = new ArrayList<>();
    for (AgentRecord a : agents.list(plan.selector())) {
      if (a.registration().pipelines().stream().anyMatch(p -> p.model().equals(plan.model()))) {
        selected.add(a);
      }
    }
    return selected;
  }

  /**
   * The release the selected agents' pipelines running {@code model} came from, {@code null} for a
   * locally configured ladder.
   *
   * @throws IllegalArgumentException when they run different releases, listing which runs what
   */
  static String currentRelease(List<AgentRecord> selected, String model) {
    Map<String, TreeSet<String>> byRelease = new TreeMap<>();
    for (AgentRecord a : selected) {
      for (PipelineInfo p : a.registration().pipelines()) {
        if (p.model().equals(model)) {
          String key = p.releaseSha() == null ? "local ladder" : p.releaseSha();
          byRelease.computeIfAbsent(key, k -> new TreeSet<>()).add(a.agentId() + "/" + p.name());
        }
      }
    }
    if (byRelease.size() > 1) {
      throw new IllegalArgumentException("previousReleaseSha must be given: the selected agents run "
          + "different releases of model " + model + ": " + byRelease);
    }
    String only = byRelease.keySet().iterator().next();
    return only.equals("local ladder") ? null : only;
  }

  /** One {@link AssignmentState#PENDING} assignment per agent, stage by stage, in agent-id order. */
  static List<StageAssignment> assign(RolloutPlan plan, List<AgentRecord> selected, Instant now) {
    List<Integer> sizes = plan.stageSizes(selected.size());
    List<StageAssignment> out = new ArrayList<>();
    int next = 0;
    for (int stage = 0; stage < sizes.size(); stage++) {
      for (int i = 0; i < sizes.get(stage); i++) {
        out.add(new StageAssignment(selected.get(next++).agentId(), stage, AssignmentState.PENDING, 0, now));
      }
    }
    return out;
  }

  /** Each agent's p99 in {@code [from, to)}; agents without a latency sample are left out. */
  Map<String, Double> baseline(List<AgentRecord> selected, String model, Instant from, Instant to) {
    Map<String, Double> baseline = new HashMap<>();
    for (AgentRecord a : selected) {
      AgentWindow w = kpis.read(a.agentId(), model, from, to);
      if (w.hasLatency()) {
        baseline.put(a.agentId(), w.p99Ms());
      }
    }
    return baseline;
  }
}
