package io.edgeladder.agent.adaptive;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.policy.Candidate;
import io.edgeladder.agent.policy.ResourceStates;
import io.edgeladder.agent.policy.profile.OnDeviceProfiles;
import io.edgeladder.agent.policy.profile.VariantProfile;
import io.edgeladder.agent.swap.LadderVariants;
import io.edgeladder.agent.swap.VariantSpec;
import io.edgeladder.protocol.AgentEvent;
import io.micrometer.core.instrument.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures variants again while the agent runs, when the device's background load (other processes'
 * cores, from the monitor's samples) has moved away from the load a profile was measured under by more
 * than {@code loadDeltaCores} for {@code samples} consecutive samples, and at most once per
 * {@code minIntervalMs} per pipeline. The new profiles are recorded under the mean load of those samples,
 * stored ({@link OnDeviceProfiles}), swapped into the pipeline's policy candidates in one step, and each is
 * reported as a {@code profile.refreshed} event (old and new p99, old and new load).
 *
 * <p>Threads: {@link #tick()} runs on one thread only, the refresher's own low-priority thread in the
 * agent; it loads a separate session of each variant and profiles it there, never on an inference thread.
 * A failed measurement keeps the old profile, is logged and reported to the listener, and waits for the
 * next interval. All state but the target list (volatile, replaced by {@link #target}) is confined to the
 * ticking thread.
 */
final class ProfileRefresher {
  private static final Logger log = LoggerFactory.getLogger(ProfileRefresher.class);
  static final String EVENT_TYPE = "profile.refreshed";

  /** One laddered pipeline whose candidates this refresher keeps current. */
  record Target(String pipeline, LadderVariants ladder, PipelineInputs inputs) {}

  /** What the refresher reports besides the events (metrics). Called on the ticking thread. */
  interface Listener {
    void refreshed(String pipeline, VariantProfile before, VariantProfile after);

    void failed(String pipeline, String variantId, Exception cause);
  }

  private final String agentId;
  private volatile List<Target> targets; // replaced whole by target(), read once per tick
  private final Supplier<ResourceSample> samples;
  private final OnDeviceProfiles profiles;
  private final ModelLoader loader;
  private final RunnerOptions runner;
  private final AgentConfig.ProfileRefresh settings;
  private final Consumer<AgentEvent> events;
  private final Listener listener;
  private final Clock clock;
  private final int fallbackCores;
  private final ArrayDeque<Double> recentLoads = new ArrayDeque<>();
  private final Map<String, Integer> streaks = new HashMap<>(); // pipeline + "/" + variant id
  private final Map<String, Long> lastRefreshNanos = new HashMap<>(); // by pipeline
  private long lastSampleMillis = Long.MIN_VALUE;

  ProfileRefresher(String agentId, List<Target> targets, Supplier<ResourceSample> samples, OnDeviceProfiles profiles,
      ModelLoader loader, RunnerOptions runner, AgentConfig.ProfileRefresh settings, Consumer<AgentEvent> events,
      Listener listener, Clock clock) {
    this.agentId = agentId;
    this.targets = List.copyOf(targets);
    this.samples = samples;
    this.profiles = profiles;
    this.loader = loader;
    this.runner = runner;
    this.settings = settings;
    this.events = events;
    this.listener = listener;
    this.clock = clock;
    this.fallbackCores = Runtime.getRuntime().availableProcessors();
  }

  /**
   * Adds {@code t}, or replaces the target of the same pipeline (a ladder installed while running). Any thread.
   */
  synchronized void target(Target t) {
    List<Target> next = new java.util.ArrayList<>(targets);
    next.removeIf(x -> x.pipeline().equals(t.pipeline()));
    next.add(t);
    targets = List.copyOf(next);
  }

  /**
   * Looks at the latest sample (a sample already seen is ignored) and refreshes the profiles whose
   * background load has been off for long enough. Never throws.
   *
   * @return how many profiles were replaced
   */
  int tick() {
    try {
      ResourceSample s = samples.get();
      if (s == null || s.timeMillis() == lastSampleMillis) return 0;
      lastSampleMillis = s.timeMillis();
      if (s.cpu() == null) return 0; // no CPU figures (first sample, unreadable file): no evidence either way
      double load = ResourceStates.from(s, fallbackCores).otherLoadCores();
      recentLoads.addLast(load);
      while (recentLoads.size() > settings.samples()) recentLoads.removeFirst();
      int replaced = 0;
      for (Target t : targets) replaced += check(t, load);
      return replaced;
    } catch (RuntimeException e) {
      log.warn("profile refresh tick failed; the next sample retries", e);
      return 0;
    }
  }

  private int check(Target t, double load) {
    Map<String, Candidate> due = new LinkedHashMap<>();
    for (Candidate c : t.inputs().candidates()) {
      String key = t.pipeline() + "/" + c.id();
      boolean off = Math.abs(load - c.profile().backgroundLoadCores()) > settings.loadDeltaCores();
      int streak = off ? streaks.getOrDefault(key, 0) + 1 : 0;
      streaks.put(key, streak);
      if (streak >= settings.samples()) due.put(c.id(), c);
    }
    if (due.isEmpty()) return 0;
    long now = clock.monotonicTime();
    Long last = lastRefreshNanos.get(t.pipeline());
    if (last != null && now - last < settings.minIntervalMillis() * 1_000_000L) return 0;
    lastRefreshNanos.put(t.pipeline(), now);
    double measuredLoad = recentLoads.stream().mapToDouble(Double::doubleValue).average().orElse(load);
    Map<String, VariantProfile> fresh = new HashMap<>();
    for (Candidate c : due.values()) {
      streaks.put(t.pipeline() + "/" + c.id(), 0);
      VariantProfile after = measure(t, c.id(), measuredLoad);
      if (after == null) continue;
      fresh.put(after.sha256(), after);
      report(t.pipeline(), c.profile(), after);
    }
    if (!fresh.isEmpty()) t.inputs().replaceProfiles(fresh);
    return fresh.size();
  }

  private VariantProfile measure(Target t, String variantId, double load) {
    try {
      VariantSpec spec = t.ladder().spec(variantId);
      try (LoadedModel m = loader.load(spec.file(), runner)) {
        return profiles.profileOf(variantId, m, spec.goldenInput(), runner.intraOpThreads(), load);
      }
    } catch (ModelLoadException | InferenceException | RuntimeException e) {
      log.warn("pipeline {}: re-profiling {} failed; its old profile stays: {}", t.pipeline(), variantId,
          e.getMessage());
      listener.failed(t.pipeline(), variantId, e);
      return null;
    }
  }

  private void report(String pipeline, VariantProfile before, VariantProfile after) {
    String message = String.format(Locale.ROOT, "%s re-profiled at %.2f other cores (was %.2f): p99 %.3f -> %.3f ms",
        after.variantId(), after.backgroundLoadCores(), before.backgroundLoadCores(), before.p99Ms(), after.p99Ms());
    log.info("pipeline {}: {}", pipeline, message);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("variant", after.variantId());
    d.put("sha256", after.sha256());
    d.put("oldP99Ms", before.p99Ms());
    d.put("newP99Ms", after.p99Ms());
    d.put("oldLoadCores", before.backgroundLoadCores());
    d.put("loadCores", after.backgroundLoadCores());
    d.put("oldJoulesPerInference", before.joulesPerInference());
    d.put("newJoulesPerInference", after.joulesPerInference());
    try {
      listener.refreshed(pipeline, before, after);
      events.accept(new AgentEvent(agentId, EVENT_TYPE, clock.wallTime(), pipeline, message, d));
    } catch (RuntimeException e) {
      log.warn("pipeline {}: profile.refreshed for {} not reported", pipeline, after.variantId(), e);
    }
  }
}
