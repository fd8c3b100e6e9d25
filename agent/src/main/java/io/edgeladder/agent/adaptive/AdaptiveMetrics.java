package io.edgeladder.agent.adaptive;

import io.edgeladder.agent.policy.Decision;
import io.edgeladder.agent.policy.PolicyLoop;
import io.edgeladder.agent.policy.profile.VariantProfile;
import io.edgeladder.protocol.AgentEvent;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Meters of the control loop, per laddered pipeline (Prometheus names):
 *
 * <ul>
 *   <li>{@code edge_policy_decisions_total{pipeline,action}}: decisions by SWITCH / HOLD / PROBLEM;
 *   <li>{@code edge_swaps_total{pipeline,outcome}}: swaps {@code completed}, {@code failed}, {@code rolled_back};
 *   <li>{@code edge_swap_refusals_total{pipeline}}: switches the swap manager refused;
 *   <li>{@code edge_variant_active{pipeline,variant}}: 1 for the variant serving, 0 for the other rungs;
 *   <li>{@code edge_variant_time_seconds_total{pipeline,variant}}: time each variant has served;
 *   <li>{@code edge_profile_refreshes_total{pipeline,variant}} and {@code edge_profile_refresh_failures_total{pipeline}};
 *   <li>{@code edge_policy_predicted_p99_seconds{pipeline}}: the serving variant's predicted p99 at the
 *       last decision (NaN before the first);
 *   <li>{@code edge_policy_energy_budget_watts{pipeline}}: the energy budget at the last decision
 *       ({@code +Inf} on mains or without a monitor).
 * </ul>
 *
 * <p>Threads: counters are incremented on the policy, swap and refresher threads; gauges and the
 * variant-time counter are read on the scrape thread. Time in a variant is attributed when it is
 * observed (each policy decision and each scrape), so a switch shows up to one period late.
 */
final class AdaptiveMetrics implements AutoCloseable {
  private final MeterRegistry registry;
  private final Clock clock;
  private final List<Meter> meters = new ArrayList<>();
  private final Map<String, VariantTime> times = new ConcurrentHashMap<>(); // held strongly for the counters
  private final List<Supplier<String>> servings = new ArrayList<>(); // held strongly for the gauges

  AdaptiveMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Registers pipeline {@code p}'s gauges and zeroed counters for every rung in {@code variantIds}; the
   * predicted-p99 and budget gauges read {@code policy}'s last decision.
   *
   * @param serving the ladder id of the variant serving now (held strongly here: gauges keep it weakly)
   */
  void bind(String p, List<String> variantIds, PolicyLoop policy, Supplier<String> serving) {
    VariantTime time = new VariantTime(serving.get(), clock.monotonicTime());
    times.put(p, time);
    servings.add(serving);
    for (String v : variantIds) {
      meters.add(Gauge.builder("edge.variant.active", serving, x -> x.get().equals(v) ? 1 : 0)
          .tags("pipeline", p, "variant", v).description("1 while this variant serves the pipeline")
          .register(registry));
      meters.add(FunctionCounter.builder("edge.variant.time", time,
              t -> t.seconds(v, serving.get(), clock.monotonicTime()))
          .tags("pipeline", p, "variant", v).baseUnit("seconds").description("time this variant has served")
          .register(registry));
      meters.add(refreshes(p, v));
    }
    for (Decision.Action a : Decision.Action.values()) meters.add(decisions(p, a.name()));
    for (String o : new String[] {"completed", "failed", "rolled_back"}) meters.add(swaps(p, o));
    meters.add(refusals(p));
    meters.add(refreshFailures(p));
    meters.add(Gauge.builder("edge.policy.predicted.p99", policy, l -> {
      Decision d = l.lastDecision(p);
      return d == null ? Double.NaN : d.predictedP99Ms() / 1e3;
    }).tags("pipeline", p).baseUnit("seconds").description("serving variant's predicted p99 at the last decision")
        .register(registry));
    meters.add(Gauge.builder("edge.policy.energy.budget", policy, l -> {
      Decision d = l.lastDecision(p);
      return d == null ? Double.NaN : d.energyBudgetWatts();
    }).tags("pipeline", p).baseUnit("watts").description("energy budget at the last decision (+Inf: unlimited)")
        .register(registry));
  }

  /** A policy decision (on the policy thread): counted, and the serving variant's time brought up to date. */
  void decided(Decision d) {
    decisions(d.pipeline(), d.action().name()).increment();
    VariantTime t = times.get(d.pipeline());
    if (t != null && d.current() != null) t.seconds(d.current(), d.current(), clock.monotonicTime());
  }

  /** A swap event ({@code swap.completed}, {@code swap.failed}, {@code swap.rollback}); others are ignored. */
  void event(AgentEvent e) {
    if (e.pipeline() == null) return;
    String outcome = switch (e.type()) {
      case "swap.completed" -> "completed";
      case "swap.failed" -> "failed";
      case "swap.rollback" -> "rolled_back";
      default -> null;
    };
    if (outcome != null) swaps(e.pipeline(), outcome).increment();
  }

  void refused(String pipeline) {
    refusals(pipeline).increment();
  }

  ProfileRefresher.Listener refreshListener() {
    return new ProfileRefresher.Listener() {
      @Override
      public void refreshed(String pipeline, VariantProfile before, VariantProfile after) {
        refreshes(pipeline, after.variantId()).increment();
      }

      @Override
      public void failed(String pipeline, String variantId, Exception cause) {
        refreshFailures(pipeline).increment();
      }
    };
  }

  private Counter decisions(String pipeline, String action) {
    return Counter.builder("edge.policy.decisions").tags("pipeline", pipeline, "action", action)
        .description("policy decisions by action").register(registry);
  }

  private Counter swaps(String pipeline, String outcome) {
    return Counter.builder("edge.swaps").tags("pipeline", pipeline, "outcome", outcome)
        .description("variant swaps by outcome").register(registry);
  }

  private Counter refusals(String pipeline) {
    return Counter.builder("edge.swap.refusals").tags("pipeline", pipeline)
        .description("switches the swap manager refused (unknown or rejected variant)").register(registry);
  }

  private Counter refreshes(String pipeline, String variant) {
    return Counter.builder("edge.profile.refreshes").tags("pipeline", pipeline, "variant", variant)
        .description("profiles measured again after the background load moved").register(registry);
  }

  private Counter refreshFailures(String pipeline) {
    return Counter.builder("edge.profile.refresh.failures").tags("pipeline", pipeline)
        .description("re-profiling attempts that failed (old profile kept)").register(registry);
  }

  @Override
  public void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }

  /**
   * Seconds per variant: at each observation the time since the previous one goes to the variant seen
   * then. Guarded by {@code this} (policy thread and scrape thread).
   */
  static final class VariantTime {
    private final Map<String, Double> seconds = new java.util.HashMap<>();
    private String current;
    private long lastNanos;

    VariantTime(String current, long nowNanos) {
      this.current = current;
      this.lastNanos = nowNanos;
    }

    /** Attributes the time since the last observation to the variant serving then, notes {@code serving} now. */
    synchronized double seconds(String variant, String serving, long nowNanos) {
      if (nowNanos > lastNanos) {
        seconds.merge(current, (nowNanos - lastNanos) / 1e9, Double::sum);
        lastNanos = nowNanos;
      }
      current = serving;
      return seconds.getOrDefault(variant, 0.0);
    }
  }
}
