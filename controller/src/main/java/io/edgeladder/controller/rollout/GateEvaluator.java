package io.edgeladder.controller.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeladder.controller.store.rollout.GateResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns the KPI windows of a stage's agents into {@link GateResult}s. Each gate's observed value is
 * the worst agent's; its detail (JSON) lists the worst agents' values. Stateless, thread-safe.
 */
final class GateEvaluator {
  static final String HEARTBEATS = "heartbeats";
  static final String MISS_RATE = "missRate";
  static final String ERROR_RATE = "errorRate";
  static final String P99_RATIO = "p99Ratio";
  static final String APPLY = "apply";
  /** Agents listed in a gate's detail, worst first. */
  static final int DETAIL_AGENTS = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private GateEvaluator() {}

  /**
   * The {@code heartbeats} gate: whether every agent sent {@code minHeartbeats} per pipeline.
   * Observed is the fewest any agent sent.
   */
  static GateResult heartbeats(int stage, Gates gates, List<AgentWindow> windows, Instant now) {
    List<AgentWindow> worst = worst(windows, w -> -w.minSamples());
    int observed = worst.isEmpty() ? 0 : worst.get(0).minSamples();
    ObjectNode detail = JSON.createObjectNode();
    ObjectNode agents = detail.putObject("agents");
    worst.stream().filter(w -> w.minSamples() < gates.minHeartbeats())
        .forEach(w -> agents.put(w.agentId(), w.minSamples()));
    return new GateResult(stage, HEARTBEATS, observed >= gates.minHeartbeats(), observed,
        gates.minHeartbeats(), detail.toString(), now);
  }

  /**
   * Miss rate, error rate and (when enabled) p99 ratio of agents that all have enough heartbeats.
   *
   * @param notUpgradedP99Ms mean p99 of the selected agents still on the previous release, in the
   *     same window; NaN when none of them reported a latency
   * @param preRolloutP99Ms each agent's own p99 before the rollout started
   */
  static StageVerdict kpis(int stage, Gates gates, List<AgentWindow> windows, double notUpgradedP99Ms,
      Map<String, Double> preRolloutP99Ms, Instant now) {
    List<GateResult> results = new ArrayList<>();
    results.add(rate(stage, MISS_RATE, gates.maxMissRate(), windows, AgentWindow::missRate, now));
    results.add(rate(stage, ERROR_RATE, gates.maxErrorRate(), windows, AgentWindow::errorRate, now));
    if (gates.maxP99Ratio() != null) {
      results.add(p99(stage, gates.maxP99Ratio(), windows, notUpgradedP99Ms, preRolloutP99Ms, now));
    }
    return new StageVerdict(results);
  }

  private static GateResult rate(int stage, String gate, double max, List<AgentWindow> windows,
      ToDoubleFunction<AgentWindow> value, Instant now) {
    List<AgentWindow> worst = worst(windows, value);
    double observed = worst.isEmpty() ? 0 : value.applyAsDouble(worst.get(0));
    ObjectNode detail = JSON.createObjectNode();
    ObjectNode agents = detail.putObject("agents");
    worst.forEach(w -> agents.put(w.agentId(), value.applyAsDouble(w)));
    return new GateResult(stage, gate, observed <= max, observed, max, detail.toString(), now);
  }

  private static GateResult p99(int stage, double maxRatio, List<AgentWindow> windows,
      double notUpgradedP99Ms, Map<String, Double> preRolloutP99Ms, Instant now) {
    boolean concurrent = notUpgradedP99Ms > 0;
    ObjectNode detail = JSON.createObjectNode();
    detail.put("baseline", concurrent ? "not-upgraded agents, same window" : "own pre-rollout p99");
    if (concurrent) {
      detail.put("baselineP99Ms", notUpgradedP99Ms);
    }
    List<String> missing = new ArrayList<>();
    List<Ratio> ratios = new ArrayList<>();
    for (AgentWindow w : windows) {
      Double base = concurrent ? Double.valueOf(notUpgradedP99Ms) : preRolloutP99Ms.get(w.agentId());
      if (!w.hasLatency()) {
        missing.add(w.agentId() + ": no result latency in the soak window");
      } else if (base == null || !(base > 0)) {
        missing.add(w.agentId() + ": no baseline p99 (no agent left on the previous release reported"
            + " one, and the agent reported none before the rollout)");
      } else {
        ratios.add(new Ratio(w.agentId(), w.p99Ms() / base, w.p99Ms(), base));
      }
    }
    ratios.sort(Comparator.comparingDouble((Ratio r) -> -r.ratio()).thenComparing(Ratio::agentId));
    double observed = ratios.isEmpty() ? 0 : ratios.get(0).ratio();
    ObjectNode agents = detail.putObject("agents");
    ratios.stream().limit(DETAIL_AGENTS).forEach(r -> agents.putObject(r.agentId())
        .put("ratio", r.ratio()).put("p99Ms", r.p99Ms()).put("baselineP99Ms", r.baselineP99Ms()));
    if (!missing.isEmpty()) {
      missing.stream().limit(DETAIL_AGENTS).forEach(detail.putArray("noData")::add);
    }
    boolean passed = missing.isEmpty() && observed <= maxRatio;
    return new GateResult(stage, P99_RATIO, passed, observed, maxRatio, detail.toString(), now);
  }

  private record Ratio(String agentId, double ratio, double p99Ms, double baselineP99Ms) {}

  /** Windows sorted worst (highest value) first, then by agent id, at most {@link #DETAIL_AGENTS}. */
  private static List<AgentWindow> worst(List<AgentWindow> windows, ToDoubleFunction<AgentWindow> value) {
    return windows.stream()
        .sorted(Comparator.comparingDouble((AgentWindow w) -> -value.applyAsDouble(w))
            .thenComparing(AgentWindow::agentId))
        .limit(DETAIL_AGENTS).toList();
  }
}
