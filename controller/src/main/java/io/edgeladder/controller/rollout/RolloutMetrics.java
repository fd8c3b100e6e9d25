package io.edgeladder.controller.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.edgeladder.controller.store.rollout.RolloutState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters of one {@link RolloutEngine}:
 *
 * <ul>
 *   <li>{@code edgeladder.rollouts{state}} gauge: rollouts this engine has seen, by their last known
 *       state (unfinished ones are re-read every tick);
 *   <li>{@code edgeladder.rollout.transitions{to}}: state changes this engine saved;
 *   <li>{@code edgeladder.rollout.gate.failures{kpi}}: failed gates ({@code missRate}, {@code
 *       errorRate}, {@code p99Ratio}, {@code heartbeats}, {@code apply});
 *   <li>{@code edgeladder.rollout.conflicts}: steps lost to another writer (optimistic version);
 *   <li>{@code edgeladder.rollout.tick.errors} / {@code edgeladder.rollout.ticks.skipped}: ticks that
 *       threw, ticks skipped because the previous one still ran.
 * </ul>
 *
 * One engine per registry: a second engine registering the same gauges on it is ignored by
 * Micrometer (the gauges keep reading the first engine). Thread-safe.
 */
final class RolloutMetrics {
  private final MeterRegistry registry;
  private final Map<String, RolloutState> lastKnown = new ConcurrentHashMap<>();
  private final Counter conflicts;
  private final Counter tickErrors;
  private final Counter ticksSkipped;

  RolloutMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (RolloutState s : RolloutState.values()) {
      Gauge.builder("edgeladder.rollouts", lastKnown, m -> count(m, s))
          .description("rollouts by state, as this engine last saw them").tag("state", s.name())
          .register(registry);
    }
    conflicts = Counter.builder("edgeladder.rollout.conflicts")
        .description("rollout steps lost to a concurrent writer").register(registry);
    tickErrors = Counter.builder("edgeladder.rollout.tick.errors")
        .description("rollout steps or ticks that threw").register(registry);
    ticksSkipped = Counter.builder("edgeladder.rollout.ticks.skipped")
        .description("ticks skipped because the previous one was still running").register(registry);
  }

  void seen(String rolloutId, RolloutState state) {
    lastKnown.put(rolloutId, state);
  }

  void transition(RolloutState to) {
    registry.counter("edgeladder.rollout.transitions", "to", to.name()).increment();
  }

  void gateFailed(String kpi) {
    registry.counter("edgeladder.rollout.gate.failures", "kpi", kpi).increment();
  }

  void conflict() {
    conflicts.increment();
  }

  void tickError() {
    tickErrors.increment();
  }

  void tickSkipped() {
    ticksSkipped.increment();
  }

  private static double count(Map<String, RolloutState> m, RolloutState s) {
    return m.values().stream().filter(v -> v == s).count();
  }
}
