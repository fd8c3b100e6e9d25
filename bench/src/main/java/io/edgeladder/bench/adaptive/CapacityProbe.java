package io.edgeladder.bench.adaptive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The capacity figures the contention rate is chosen from: one agent on the bench ladder (policy idle,
 * swaps forced by the bench), each rung in turn saturated ({@link AgentSession#saturate}) without and then
 * with the {@link Competitor} running: served windows per second through the whole path (bench publisher,
 * broker, agent, bench subscriber), on the scenario's message size, hop and deadline.
 */
final class CapacityProbe {
  /**
   * Saturated windows per second of one rung.
   *
   * @param free without the competitor
   * @param contended with it
   */
  record Capacity(double free, double contended) {}

  private static final int IN_FLIGHT_MESSAGES = 8;

  private CapacityProbe() {}

  /** Rung id → capacity, in {@code rungs} order. */
  static Map<String, Capacity> measure(PolicyRun.Params p, List<String> rungs, double secondsEach,
      Consumer<String> progress) throws Exception {
    int hop = 1024 / p.windowsPerMessage();
    LabelledFeed feed = new LabelledFeed(1024, 1024, hop, 5, 4, p.noise(), p.seed());
    AdaptiveYaml cfg = new AdaptiveYaml("bench-capacity", p.brokerUrl(), p.httpPort(), p.modelCard(),
        p.ladder().file(), hop, p.deadlineMs(), 256, AdaptiveYaml.Adaptive.forcedSwapsOnly(), null,
        p.workDir().resolve("state-capacity"));
    int messages = 2_000_000;
    Map<String, double[]> figures = new LinkedHashMap<>();
    try (AgentSession s = AgentSession.start(cfg, feed, p.jvmFlags(), p.workDir(), "capacity", messages)) {
      for (int phase = 0; phase < 2; phase++) {
        try (Competitor c = phase == 1 ? Competitor.start() : null) {
          for (String id : rungs) {
            s.requestSwap(id);
            // Served at a low rate until the swap is done: the saturation measures `id` only.
            s.stream(20, 1.5, List.of());
            double wps = s.saturate(secondsEach, IN_FLIGHT_MESSAGES);
            figures.computeIfAbsent(id, k -> new double[2])[phase] = wps;
            progress.accept(String.format("      capacity %-12s %s: %6.0f windows/s", id,
                phase == 0 ? "free      " : "competitor", wps));
          }
        }
      }
    }
    Map<String, Capacity> out = new LinkedHashMap<>();
    figures.forEach((id, f) -> out.put(id, new Capacity(f[0], f[1])));
    return out;
  }
}
