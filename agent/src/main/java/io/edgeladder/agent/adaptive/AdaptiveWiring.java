package io.edgeladder.agent.adaptive;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelLoader;
import io.edgeladder.agent.monitor.AgentMonitor;
import io.edgeladder.agent.pipeline.AgentCore;
import io.edgeladder.agent.pipeline.Pipeline;
import io.edgeladder.agent.policy.Bounds;
import io.edgeladder.agent.policy.Candidate;
import io.edgeladder.agent.policy.Policy;
import io.edgeladder.agent.policy.PolicyLoop;
import io.edgeladder.agent.policy.PolicySettings;
import io.edgeladder.agent.policy.profile.OnDeviceProfiles;
import io.edgeladder.agent.swap.LadderVariants;
import io.edgeladder.agent.swap.SwapManager;
import io.edgeladder.agent.swap.SwapSettings;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.Topics;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adaptive loop of a running agent, for the pipelines that have a {@code ladder}: profiles every
 * accepted variant on this device at start (stored profiles are reused while fresh), then runs one
 * {@link Policy} per pipeline on a {@link PolicyLoop} whose switches go to a {@link SwapManager}, plus a
 * periodic {@link SwapManager#tick()} for probation, a {@link ProfileRefresher} that measures variants
 * again when the background load moves, and the control-loop meters ({@link AdaptiveMetrics}). Decisions,
 * swap and {@code profile.refreshed} events go to {@code fleet/{agent}/events}. {@link #install} puts a ladder
 * into the running loop (the control path's releases), also for a pipeline that started without one.
 *
 * <p>Threads: one scheduler thread ({@code adaptive-policy}) runs policy ticks and probation checks; one
 * low-priority thread ({@code adaptive-profiler}) watches the monitor's samples and re-profiles; the swap
 * manager loads variants on its own low-priority thread. {@link #close()} stops the refresher and the
 * policy first, then the swaps; the caller closes the core afterwards.
 */
public final class AdaptiveWiring implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdaptiveWiring.class);
  /** Relative golden tolerance: the manifest's goldens were computed with the same ORT version. */
  public static final float GOLDEN_TOLERANCE = 1e-3f;

  private final PolicyLoop policy;
  private final SwapManager swaps;
  private final ScheduledExecutorService scheduler;
  private final ScheduledExecutorService profiler; // null without a monitor or with refresh disabled
  private final AdaptiveMetrics metrics;
  private final AtomicLong refusals;
  private final LadderInstaller installer;

  private AdaptiveWiring(PolicyLoop policy, SwapManager swaps, ScheduledExecutorService scheduler,
      ScheduledExecutorService profiler, AdaptiveMetrics metrics, AtomicLong refusals, LadderInstaller installer) {
    this.policy = policy;
    this.swaps = swaps;
    this.scheduler = scheduler;
    this.profiler = profiler;
    this.metrics = metrics;
    this.refusals = refusals;
    this.installer = installer;
  }

  /**
   * Starts the loop, or returns null when {@code adaptive.enabled} is false, or when no pipeline has a ladder
   * and {@code control.enabled} is false (no release can bring one).
   * Blocks while profiling (warm-up plus timed runs per variant, on the calling thread).
   *
   * @param monitor the resource monitor, or null when monitoring is off (no energy limit, no contention,
   *     no profile refresh)
   * @param registry where the control-loop meters go
   * @throws IOException when a ladder cannot be read
   * @throws ModelLoadException when a variant cannot be loaded for profiling
   * @throws InferenceException when profiling a variant fails
   */
  public static AdaptiveWiring start(AgentConfig config, AgentCore core, Transport transport, AgentMonitor monitor,
      ModelLoader loader, Clock clock, MeterRegistry registry)
      throws IOException, ModelLoadException, InferenceException {
    AgentConfig.Adaptive a = config.adaptive();
    Map<String, LadderVariants> ladders = new ConcurrentHashMap<>();
    List<Pipeline> laddered = new ArrayList<>();
    for (Pipeline p : core.pipelines()) {
      Path ladder = config.pipelines().stream().filter(c -> c.name().equals(p.name())).findFirst()
          .map(AgentConfig.Pipeline::ladder).orElse(null);
      if (ladder == null) continue;
      ladders.put(p.name(), LadderVariants.read(ladder, GOLDEN_TOLERANCE));
      laddered.add(p);
    }
    if (!a.enabled() || (laddered.isEmpty() && !config.control().enabled())) return null;

    OnDeviceProfiles profiles = StartupProfiles.store(config, clock);
    double load = StartupProfiles.otherLoad(monitor);
    String events = Topics.events(config.agentId());
    AdaptiveMetrics metrics = new AdaptiveMetrics(registry, clock);
    Consumer<AgentEvent> sink = e -> {
      metrics.event(e);
      publish(transport, events, e);
    };
    SwapManager swaps = SwapManager.of(config.agentId(), core.pipelines(), loader, config.inference().runner(), sink, clock,
        new SwapSettings(20, Duration.ofSeconds(10), Duration.ofMillis(a.probationMillis()), a.maxMissRate(), 50));
    AtomicLong refusals = new AtomicLong();
    ScheduledExecutorService scheduler = daemon("adaptive-policy", Thread.NORM_PRIORITY);
    ScheduledExecutorService profiler = null;
    try {
      PolicySettings d = PolicySettings.ofDefaults();
      PolicySettings ps = new PolicySettings(a.deadlineMargin(), d.stepUpMargin(), Duration.ofMillis(a.holdDownMillis()),
          a.maxMissRate(), a.energyBudgetWatts(), a.energyFloor(), a.maxCpuUtilization());
      Bounds bounds = new Bounds(new HashSet<>(a.allowed()), a.pinned(), a.minAccuracy());
      List<PolicyLoop.Binding> bindings = new ArrayList<>();
      List<ProfileRefresher.Target> targets = new ArrayList<>();
      Map<String, PipelineInputs> inputsByPipeline = new ConcurrentHashMap<>();
      for (Pipeline p : laddered) {
        LadderVariants ladder = ladders.get(p.name());
        List<Candidate> candidates = Candidate.of(ladder.manifest(),
            StartupProfiles.measure(ladder, profiles, loader, config, load));
        PipelineInputs inputs = new PipelineInputs(p, candidates, bounds, monitor, () -> queueAgeMs(core), clock);
        bindings.add(new PolicyLoop.Binding(new Policy(ps), inputs));
        inputsByPipeline.put(p.name(), inputs);
        targets.add(new ProfileRefresher.Target(p.name(), ladder, inputs));
      }
      PolicyLoop loop = new PolicyLoop(config.agentId(), bindings, (p, id, why) -> {
        try {
          swaps.swap(p, ladders.get(p).spec(id), why);
        } catch (IllegalArgumentException e) {
          refusals.incrementAndGet();
          metrics.refused(p);
          log.warn("pipeline {}: swap to {} refused: {}", p, id, e.getMessage());
        }
      }, transport, clock, metrics::decided);
      for (ProfileRefresher.Target t : targets) {
        metrics.bind(t.pipeline(), t.ladder().ids(), loop, t.inputs()::servingId);
      }
      long period = a.periodMillis();
      loop.start(scheduler, Duration.ofMillis(period));
      scheduler.scheduleAtFixedRate(() -> tickSwaps(swaps), period, period, TimeUnit.MILLISECONDS);
      ProfileRefresher refresher = null;
      if (monitor != null && a.profileRefresh().enabled()) {
        profiler = daemon("adaptive-profiler", Thread.MIN_PRIORITY);
        refresher = new ProfileRefresher(config.agentId(), targets, monitor.monitor()::latest,
            profiles, loader, config.inference().runner(), a.profileRefresh(), sink, metrics.refreshListener(), clock);
        long every = config.monitor().periodMillis();
        profiler.scheduleWithFixedDelay(refresher::tick, every, every, TimeUnit.MILLISECONDS);
      }
      Map<String, Pipeline> byName = new LinkedHashMap<>();
      core.pipelines().forEach(p -> byName.put(p.name(), p));
      LadderInstaller installer = new LadderInstaller(new LadderInstaller.Context(config, loader, profiles, monitor, ps,
          loop, metrics, refresher, () -> queueAgeMs(core), clock), byName, ladders, inputsByPipeline);
      log.info("adaptive loop running for {} pipeline(s) every {} ms", laddered.size(), period);
      return new AdaptiveWiring(loop, swaps, scheduler, profiler, metrics, refusals, installer);
    } catch (ModelLoadException | InferenceException | RuntimeException e) {
      if (profiler != null) profiler.shutdownNow();
      scheduler.shutdownNow();
      swaps.close();
      metrics.close();
      throw e;
    }
  }

  private static ScheduledExecutorService daemon(String name, int priority) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.setPriority(priority); // a hint: the JVM applies it on Linux only with -XX:ThreadPriorityPolicy
      return t;
    });
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

  /**
   * Installs {@code ladder} for {@code pipeline} while running (the control path's hook): profiles its rungs on
   * the calling thread (keep it off the hot path), then replaces the pipeline's candidates and bounds in one
   * step; the policy chooses among the new rungs from its next tick and the swap manager loads, warms up and
   * golden-checks the one chosen. Whatever serves keeps serving until then.
   *
   * @throws IllegalArgumentException when there is no such pipeline
   * @throws ModelLoadException when a rung cannot be loaded for profiling (nothing changed)
   * @throws InferenceException when profiling a rung fails (nothing changed)
   */
  public void install(String pipeline, LadderVariants ladder, Bounds bounds)
      throws ModelLoadException, InferenceException {
    installer.install(pipeline, ladder, bounds);
  }

  /** Replaces {@code pipeline}'s bounds (the controller's); its ladder stays. No ladder: nothing to bound. */
  public void bound(String pipeline, Bounds bounds) {
    installer.bound(pipeline, bounds);
  }

  /** Accepted variant ids of {@code pipeline}'s ladder; empty when it has none. */
  public List<String> variantIds(String pipeline) {
    return installer.variantIds(pipeline);
  }

  /** The ladder id of the variant serving {@code pipeline} (a rung with the same bytes counts), else its own id. */
  public String servingId(String pipeline) {
    return installer.servingId(pipeline);
  }

  /** Switches the swap manager refused (unknown or rejected variant). */
  public long refusals() {
    return refusals.get();
  }

  @Override
  public void close() {
    if (profiler != null) {
      profiler.shutdownNow();
      awaitQuietly(profiler); // a measurement in progress holds a session of its own
    }
    policy.close();
    scheduler.shutdownNow();
    swaps.close();
    metrics.close();
  }

  private static void awaitQuietly(ScheduledExecutorService executor) {
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) log.warn("profile refresh did not stop within 10 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
