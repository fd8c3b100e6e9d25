package io.edgeladder.agent.adaptive;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.monitor.AgentMonitor;
import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.pipeline.AgentCore;
import io.edgeladder.agent.pipeline.Pipeline;
import io.edgeladder.agent.policy.Bounds;
import io.edgeladder.agent.policy.Candidate;
import io.edgeladder.agent.policy.Policy;
import io.edgeladder.agent.policy.PolicyLoop;
import io.edgeladder.agent.policy.PolicySettings;
import io.edgeladder.agent.policy.profile.OnDeviceProfiles;
import io.edgeladder.agent.policy.profile.ProfileStore;
import io.edgeladder.agent.policy.profile.Profiler;
import io.edgeladder.agent.policy.profile.VariantProfile;
import io.edgeladder.agent.swap.LadderVariants;
import io.edgeladder.agent.swap.SwapManager;
import io.edgeladder.agent.swap.SwapSettings;
import io.edgeladder.agent.swap.VariantSpec;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.Topics;
import io.micrometer.core.instrument.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adaptive loop of a running agent, for the pipelines that have a {@code ladder}: profiles every
 * accepted variant on this device at start (stored profiles are reused while fresh), then runs one
 * {@link Policy} per pipeline on a {@link PolicyLoop} whose switches go to a {@link SwapManager}, plus a
 * periodic {@link SwapManager#tick()} for probation. Decisions and swap events go to
 * {@code fleet/{agent}/events}.
 *
 * <p>Threads: one scheduler thread ({@code adaptive-policy}) runs policy ticks and probation checks; the
 * swap manager loads variants on its own low-priority thread. {@link #close()} stops the policy first,
 * then the swaps; the caller closes the core afterwards.
 */
public final class AdaptiveWiring implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdaptiveWiring.class);
  /** Relative golden tolerance: the manifest's goldens were computed with the same ORT version. */
  static final float GOLDEN_TOLERANCE = 1e-3f;
  private static final int PROFILE_WARMUP_RUNS = 10;
  private static final int PROFILE_TIMED_RUNS = 100;

  private final PolicyLoop policy;
  private final SwapManager swaps;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong refusals;

  private AdaptiveWiring(PolicyLoop policy, SwapManager swaps, ScheduledExecutorService scheduler,
      AtomicLong refusals) {
    this.policy = policy;
    this.swaps = swaps;
    this.scheduler = scheduler;
    this.refusals = refusals;
  }

  /**
   * Starts the loop, or returns null when {@code adaptive.enabled} is false or no pipeline has a ladder.
   * Blocks while profiling (warm-up plus timed runs per variant, on the calling thread).
   *
   * @param monitor the resource monitor, or null when monitoring is off (no energy limit, no contention)
   * @throws IOException when a ladder cannot be read
   * @throws ModelLoadException when a variant cannot be loaded for profiling
   * @throws InferenceException when profiling a variant fails
   */
  public static AdaptiveWiring start(AgentConfig config, AgentCore core, Transport transport, AgentMonitor monitor,
      ModelLoader loader, Clock clock) throws IOException, ModelLoadException, InferenceException {
    AgentConfig.Adaptive a = config.adaptive();
    Map<String, LadderVariants> ladders = new LinkedHashMap<>();
    List<Pipeline> laddered = new ArrayList<>();
    for (Pipeline p : core.pipelines()) {
      Path ladder = config.pipelines().stream().filter(c -> c.name().equals(p.name())).findFirst()
          .map(AgentConfig.Pipeline::ladder).orElse(null);
      if (ladder == null) continue;
      ladders.put(p.name(), LadderVariants.read(ladder, GOLDEN_TOLERANCE));
      laddered.add(p);
    }
    if (!a.enabled() || laddered.isEmpty()) return null;

    OnDeviceProfiles profiles = profiles(config, clock);
    double load = otherLoad(monitor);
    String events = Topics.events(config.agentId());
    SwapManager swaps = SwapManager.of(config.agentId(), laddered, loader, config.inference().runner(),
        e -> publish(transport, events, e), clock,
        new SwapSettings(20, Duration.ofSeconds(10), Duration.ofMillis(a.probationMillis()), a.maxMissRate(), 50));
    AtomicLong refusals = new AtomicLong();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "adaptive-policy");
      t.setDaemon(true);
      return t;
    });
    try {
      PolicySettings d = PolicySettings.ofDefaults();
      PolicySettings ps = new PolicySettings(a.deadlineMargin(), d.stepUpMargin(), Duration.ofMillis(a.holdDownMillis()),
          a.maxMissRate(), d.fullBudgetWatts(), d.energyFloor());
      Bounds bounds = new Bounds(new HashSet<>(a.allowed()), a.pinned(), a.minAccuracy());
      List<PolicyLoop.Binding> bindings = new ArrayList<>();
      for (Pipeline p : laddered) {
        LadderVariants ladder = ladders.get(p.name());
        List<Candidate> candidates = Candidate.of(ladder.manifest(), profile(ladder, profiles, loader, config, load));
        bindings.add(new PolicyLoop.Binding(new Policy(ps),
            new PipelineInputs(p, candidates, bounds, monitor, () -> queueAgeMs(core), clock)));
      }
      PolicyLoop loop = new PolicyLoop(config.agentId(), bindings, (p, id, why) -> {
        try {
          swaps.swap(p, ladders.get(p).spec(id), why);
        } catch (IllegalArgumentException e) {
          refusals.incrementAndGet();
          log.warn("pipeline {}: swap to {} refused: {}", p, id, e.getMessage());
        }
      }, transport, clock);
      long period = a.periodMillis();
      loop.start(scheduler, Duration.ofMillis(period));
      scheduler.scheduleAtFixedRate(() -> tickSwaps(swaps), period, period, TimeUnit.MILLISECONDS);
      log.info("adaptive loop running for {} pipeline(s) every {} ms", laddered.size(), period);
      return new AdaptiveWiring(loop, swaps, scheduler, refusals);
    } catch (IOException | ModelLoadException | InferenceException | RuntimeException e) {
      scheduler.shutdownNow();
      swaps.close();
      throw e;
    }
  }

  private static OnDeviceProfiles profiles(AgentConfig config, Clock clock) {
    Path state = config.adaptive().stateDir() != null ? config.adaptive().stateDir()
        : Path.of(System.getProperty("java.io.tmpdir"), "edgeladder-" + config.agentId());
    double wattsPerCore = config.monitor().power().wattsPerCore();
    Profiler profiler = Profiler.of(new Profiler.Settings(PROFILE_WARMUP_RUNS, PROFILE_TIMED_RUNS,
        wattsPerCore > 0 ? wattsPerCore : Profiler.Settings.ofDefaults().wattsPerCore()), clock, null);
    return new OnDeviceProfiles(profiler, ProfileStore.of(state.resolve("profiles"), 1.0));
  }

  /** Profiles keyed by sha256, as {@link Candidate#of} wants them. */
  private static Map<String, VariantProfile> profile(LadderVariants ladder, OnDeviceProfiles profiles,
      ModelLoader loader, AgentConfig config, double load) throws IOException, ModelLoadException, InferenceException {
    Map<String, VariantProfile> out = new HashMap<>();
    for (String id : ladder.ids()) {
      VariantSpec spec = ladder.spec(id);
      try (LoadedModel m = loader.load(spec.file(), config.inference().runner())) {
        VariantProfile p = profiles.profileOf(id, m, spec.goldenInput(), config.inference().runner().intraOpThreads(),
            load);
        log.info("variant {} ({}): p99 {} ms, {} J/inference", id, p.sha256().substring(0, 12),
            String.format("%.3f", p.p99Ms()), String.format("%.5f", p.joulesPerInference()));
        out.put(p.sha256(), p);
      }
    }
    return out;
  }

  private static double otherLoad(AgentMonitor monitor) {
    ResourceSample s = monitor == null ? null : monitor.monitor().latest();
    return s == null ? 0 : io.edgeladder.agent.policy.ResourceStates.from(s, 1).otherLoadCores();
  }

  private static double queueAgeMs(AgentCore core) {
    // AgentCore exposes the scheduler's queue age only through its status snapshot.
    if (core.status().get("queue") instanceof Map<?, ?> q && q.get("oldestAgeMs") instanceof Number n) {
      return n.doubleValue();
    }
    return 0;
  }

  private static void tickSwaps(SwapManager swaps) {
    try {
      swaps.tick();
    } catch (RuntimeException e) {
      log.warn("probation check failed; next tick retries", e);
    }
  }

  private static void publish(Transport transport, String topic, AgentEvent e) {
    byte[] json = e.toJson();
    transport.publish(topic, json, json.length, 1, false).exceptionally(t -> {
      log.debug("event {} not delivered: {}", e.type(), t.toString());
      return null;
    });
  }

  /** The policy loop (last decisions, failure counts). */
  public PolicyLoop policy() {
    return policy;
  }

  /** The swap manager (state per pipeline). */
  public SwapManager swaps() {
    return swaps;
  }

  /** Switches the swap manager refused (unknown or rejected variant). */
  public long refusals() {
    return refusals.get();
  }

  @Override
  public void close() {
    policy.close();
    scheduler.shutdownNow();
    swaps.close();
  }
}
