package io.edgeladder.bench.adaptive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The capacity figures the contention rate is chosen from: one agent on the bench ladder (policy idle,
 * swaps forced by the bench), saturated once untimed (JIT warm-up), then each rung in turn saturated
 * ({@link AgentSession#saturate}) without and right after with the {@link Competitor} running: served windows per second through the whole path (bench publisher,
 * broker, agent, bench subscriber), on the scenario's message size and hop, with a deadline nothing misses.
 */
final class CapacityProbe {
  /**
   * Saturated windows per second of one rung.
   *
   * @param free without the competitor
   * @param contended with it
   */
  record Capacity(double free, double contended) {}

  private static final int IN_FLIGHT_MESSAGES = 16;
  /**
   * Long enough that nothing is shed: with the scenario's deadline the in-flight windows' queueing would
   * reach it and the probe would measure the shedding, not the throughput.
   */
  static final int PROBE_DEADLINE_MS = 1000;

  private CapacityProbe() {}

  /** Rung id → capacity, in {@code rungs} order. */
  static Map<String, Capacity> measure(PolicyRun.Params p, List<String> rungs, double secondsEach,
      Consumer<String> progress) throws Exception {
    int hop = 1024 / p.windowsPerMessage();
    LabelledFeed feed = new LabelledFeed(1024, 1024, hop, 5, 4, p.noise(), p.seed());
    AdaptiveYaml cfg = new AdaptiveYaml("bench-capacity", p.brokerUrl(), p.httpPort(), p.modelCard(),
        p.ladder().file(), hop, PROBE_DEADLINE_MS, 1024, p.workers(), AdaptiveYaml.Adaptive.forcedSwapsOnly(), null,
        p.workDir().resolve("state-capacity"));
    int messages = 2_000_000;
    Map<String, double[]> figures = new LinkedHashMap<>();
    try (AgentSession s = AgentSession.start(cfg, feed, p.jvmFlags(), p.workDir(), "capacity", messages)) {
      // Untimed first: the agent's and the broker's JIT would otherwise bias the first figure.
      s.requestSwap(rungs.get(0));
      s.stream(20, 1.5, List.of());
      s.saturate(secondsEach, IN_FLIGHT_MESSAGES);
      for (String id : rungs) {
        s.requestSwap(id);
        // Served at a low rate until the swap is done: the saturation measures `id` only.
        s.stream(20, 1.5, List.of());
        double[] f = figures.computeIfAbsent(id, k -> new double[2]);
        f[0] = s.saturate(secondsEach, IN_FLIGHT_MESSAGES);
        try (Competitor c = Competitor.start(p.competitorCpu(), p.competitorNice())) {
          f[1] = s.saturate(secondsEach, IN_FLIGHT_MESSAGES);
        }
        progress.accept(String.format("      capacity %-12s %6.0f windows/s free, %6.0f with the competitor", id, f[0],
            f[1]));
      }
    }
    Map<String, Capacity> out = new LinkedHashMap<>();
    figures.forEach((id, f) -> out.put(id, new Capacity(f[0], f[1])));
    return out;
  }
}
