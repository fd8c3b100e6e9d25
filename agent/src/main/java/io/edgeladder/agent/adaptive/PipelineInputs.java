package io.edgeladder.agent.adaptive;

import io.edgeladder.agent.monitor.AgentMonitor;
import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.pipeline.ActiveVariant;
import io.edgeladder.agent.pipeline.Pipeline;
import io.edgeladder.agent.policy.Bounds;
import io.edgeladder.agent.policy.Candidate;
import io.edgeladder.agent.policy.PolicyInputs;
import io.edgeladder.agent.policy.ResourceState;
import io.edgeladder.agent.policy.ResourceStates;
import io.edgeladder.agent.policy.SchedulerStats;
import io.edgeladder.agent.policy.profile.VariantProfile;
import io.micrometer.core.instrument.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * One pipeline's policy inputs, sampled once per policy tick: the monitor's latest sample, the
 * deadline-miss rate and window rate since the previous tick (from the active variant's counters, which
 * are per variant: after a switch the interval restarts and the previous rate is kept for one tick) and
 * the scheduler's oldest queue age. The window rate given to the policy is the highest of the last
 * {@value #RATE_TICKS} intervals: one interval in which no window arrived (a stalled sensor, a loaded
 * machine delaying delivery) must not make every rung look free of energy cost.
 *
 * <p>Threads: {@link #get()} on the policy loop's thread only (the interval state is not shared).
 * {@link #replaceProfiles}, {@link #install} and {@link #bound} may be called from any thread (the profile
 * refresher's, the control path's): candidates and bounds are one immutable {@link Rungs} swapped in with one
 * volatile write (writers synchronized on this), so a tick sees either all old or all new rungs and bounds.
 */
final class PipelineInputs implements Supplier<PolicyInputs> {
  private final Pipeline pipeline;
  /** What the policy chooses among, and within which limits: replaced together. */
  private record Rungs(List<Candidate> candidates, Bounds bounds) {}

  private volatile Rungs rungs;
  private final AgentMonitor monitor; // null: no monitor, so no energy limit and no contention
  private final DoubleSupplier queueAgeMs;
  private final Clock clock;
  private final int fallbackCores;
  private ActiveVariant lastVariant;
  private long lastWindows;
  private long lastMisses;
  private long lastNanos;
  static final int RATE_TICKS = 5;
  private final double[] recentRatesHz = new double[RATE_TICKS];
  private int rateIndex;
  private double lastRateHz;

  PipelineInputs(Pipeline pipeline, List<Candidate> candidates, Bounds bounds, AgentMonitor monitor,
      DoubleSupplier queueAgeMs, Clock clock) {
    this.pipeline = pipeline;
    this.rungs = new Rungs(List.copyOf(candidates), bounds);
    this.monitor = monitor;
    this.queueAgeMs = queueAgeMs;
    this.clock = clock;
    this.fallbackCores = Runtime.getRuntime().availableProcessors();
  }

  /** The candidates the next tick will use. Any thread. */
  List<Candidate> candidates() {
    return rungs.candidates();
  }

  /** Replaces the profiles of the candidates whose sha256 is a key of {@code bySha256}; others stay. */
  synchronized void replaceProfiles(Map<String, VariantProfile> bySha256) {
    Rungs r = rungs;
    List<Candidate> next = new ArrayList<>();
    for (Candidate c : r.candidates()) {
      VariantProfile p = bySha256.get(c.profile().sha256());
      next.add(p == null ? c : new Candidate(c.id(), c.accuracy(), p));
    }
    rungs = new Rungs(List.copyOf(next), r.bounds());
  }

  /** Replaces the candidates (a new ladder) and the bounds in one step. */
  synchronized void install(List<Candidate> candidates, Bounds bounds) {
    rungs = new Rungs(List.copyOf(candidates), bounds);
  }

  /** Replaces the bounds; the candidates stay. */
  synchronized void bound(Bounds bounds) {
    rungs = new Rungs(rungs.candidates(), bounds);
  }

  /**
   * The ladder id of the variant serving: its own id when the ladder has it, else the rung with the same
   * bytes (the model card's model serves as {@code base} until the first swap, and is often the ladder's
   * fp32 rung: no swap is needed to serve it). Any thread.
   */
  String servingId() {
    return idOf(pipeline.active(), rungs.candidates());
  }

  private static String idOf(ActiveVariant v, List<Candidate> cs) {
    String byBytes = null;
    for (Candidate c : cs) {
      if (c.id().equals(v.id())) return v.id();
      if (byBytes == null && c.profile().sha256().equals(v.sha256())) byBytes = c.id();
    }
    return byBytes != null ? byBytes : v.id();
  }

  @Override
  public PolicyInputs get() {
    ActiveVariant v = pipeline.active();
    Rungs r = rungs;
    List<Candidate> cs = r.candidates();
    long now = clock.monotonicTime();
    long windows = v.windows();
    long misses = v.deadlineMisses();
    double missRate = 0;
    // Kept across a variant switch: a rate of 0 would make every variant look free of energy cost.
    double rateHz = lastRateHz;
    if (v == lastVariant && now > lastNanos) {
      long dw = windows - lastWindows;
      missRate = dw > 0 ? Math.min(1, Math.max(0, (misses - lastMisses) / (double) dw)) : 0;
      rateHz = Math.max(0, dw) / ((now - lastNanos) / 1e9);
    }
    lastRateHz = rateHz;
    recentRatesHz[rateIndex] = rateHz;
    rateIndex = (rateIndex + 1) % RATE_TICKS;
    double policyRateHz = 0;
    for (double recent : recentRatesHz) policyRateHz = Math.max(policyRateHz, recent);
    lastVariant = v;
    lastWindows = windows;
    lastMisses = misses;
    lastNanos = now;
    return new PolicyInputs(pipeline.name(), idOf(v, cs), cs, resources(),
        new SchedulerStats(missRate, Math.max(0, queueAgeMs.getAsDouble())), pipeline.deadlineMillis(),
        policyRateHz, r.bounds());
  }

  private ResourceState resources() {
    ResourceSample s = monitor == null ? null : monitor.monitor().latest();
    if (s == null) return new ResourceState(fallbackCores, 0, null, false, 0);
    return ResourceStates.from(s, fallbackCores);
  }
}
