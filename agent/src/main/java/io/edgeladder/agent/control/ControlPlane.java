package io.edgeladder.agent.control;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.pipeline.AgentCore;
import io.edgeladder.agent.pipeline.Pipeline;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.dist.KeyFiles;
import io.edgeladder.protocol.dist.Verifier;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the fleet protocol ({@code docs/fleet-protocol.md}): birth, heartbeats and reported
 * state ({@link FleetReporter}); desired state ({@link DesiredStateHandler}); signed, chunked releases
 * ({@link Installer}) into a size-bounded artifact cache ({@link ArtifactCache}) under
 * {@code control.stateDir}; installed ladders handed to the variant-switching loop ({@link LadderTarget}).
 * Whatever fails, the variant serving keeps serving.
 *
 * <p>Threads: one low-priority daemon thread ({@code control}) does all the work (desired state, manifest
 * verification, chunk writes, assembly, profiling through the target); MQTT callbacks only hand bytes to it.
 * The reporter has its own thread. {@link #close()} stops both.
 */
public final class ControlPlane implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  private final ScheduledExecutorService control;
  private final FleetReporter reporter;

  private ControlPlane(ScheduledExecutorService control, FleetReporter reporter) {
    this.control = control;
    this.reporter = reporter;
  }

  /**
   * Starts the control path of a connected agent: opens the cache, restores the applied desired state (on the
   * control thread), then subscribes to {@code fleet/{agent}/desired} and starts reporting.
   *
   * @param target where installed ladders and bounds go, or null when variant switching is off (desired
   *     states are then reported as errors)
   * @param ortVersion the ONNX Runtime version, for the birth message
   * @throws IOException when the state folder or cache cannot be opened, or the public key read
   */
  public static ControlPlane start(AgentConfig config, AgentCore core, Transport transport, LadderTarget target,
      String ortVersion, MeterRegistry registry, Clock clock) throws IOException {
    AgentConfig.Control c = config.control();
    Path stateDir = stateDir(config);
    PublicKey key = c.publicKey() == null ? null : KeyFiles.readPublic(c.publicKey());
    ArtifactCache cache = ArtifactCache.open(stateDir.resolve("cache"), c.cacheMaxBytes());
    if (cache.discardedOnOpen() > 0) log.warn("{} cached artifact(s) failed their hash and were deleted",
        cache.discardedOnOpen());
    Gauge.builder("edge.control.cache.bytes", cache, ArtifactCache::bytes).baseUnit("bytes").register(registry);
    ControlEvents events = new ControlEvents(config.agentId(), transport, registry, clock);
    Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    core.pipelines().forEach(p -> pipelines.put(p.name(), p));
    Map<String, String> models = models(core);
    Map<String, Path> ladders = new LinkedHashMap<>();
    config.pipelines().forEach(p -> {
      if (p.ladder() != null) ladders.put(p.name(), p.ladder());
    });
    AppliedState saved = loadApplied(stateDir);
    ControlState state = new ControlState(config.agentId(), stateDir, pipelines, models, target, cache, saved, events,
        clock);
    Gauge.builder("edge.control.desired.version", state, s -> s.applied().version()).register(registry);
    ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "control");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY); // a hint: downloads and profiling must not steal the workers' cores
      return t;
    });
    Installer installer = new Installer(transport, control, key == null ? null : Verifier.of(key), cache, stateDir,
        events, c.chunkRetryMillis());
    BirthFacts facts = BirthFacts.of(config.agentId(), config.monitor().root(), Instant.ofEpochMilli(clock.wallTime()),
        ortVersion, c.labels(), key == null ? null : KeyFiles.keyId(key));
    FleetReporter reporter = new FleetReporter(facts, List.copyOf(pipelines.values()), models, core::status,
        transport, events, clock);
    DesiredStateHandler handler = new DesiredStateHandler(config.agentId(), state,
        new PipelineApplier(pipelines, models, ladders, target, events), installer, events, reporter, control, clock,
        c.applyTimeoutMillis());
    ControlPlane plane = new ControlPlane(control, reporter);
    control.execute(() -> {
      handler.restore();
      reporter.start(state, c.heartbeatMillis());
      subscribe(transport, Topics.desired(config.agentId()), control, handler);
    });
    log.info("control path running: state {}, cache {} of {} bytes, {}", stateDir, cache.bytes(), c.cacheMaxBytes(),
        key == null ? "no controller key (releases refused)" : "controller key " + KeyFiles.keyId(key));
    return plane;
  }

  private static void subscribe(Transport transport, String topic, ScheduledExecutorService control,
      DesiredStateHandler handler) {
    CompletableFuture<Void> sub = transport.subscribe(topic, 1, (t, payload) -> {
      try {
        control.execute(() -> handler.onDesired(payload));
      } catch (RejectedExecutionException e) {
        // closing
      }
    });
    sub.exceptionally(e -> { // not connected right now: try again until the subscription holds
      log.warn("cannot subscribe to {} ({}); retrying in 1 s", topic, e.getMessage());
      try {
        control.schedule(() -> subscribe(transport, topic, control, handler), 1, TimeUnit.SECONDS);
      } catch (RejectedExecutionException closed) {
        // closing
      }
      return null;
    });
  }

  /** {@code control.stateDir}, else {@code adaptive.stateDir}, else {@code ${java.io.tmpdir}/edgeladder-<agent>}. */
  public static Path stateDir(AgentConfig config) {
    if (config.control().stateDir() != null) return config.control().stateDir();
    if (config.adaptive().stateDir() != null) return config.adaptive().stateDir();
    return Path.of(System.getProperty("java.io.tmpdir"), "edgeladder-" + config.agentId());
  }

  private static AppliedState loadApplied(Path stateDir) {
    try {
      return AppliedState.load(stateDir);
    } catch (IOException e) {
      log.warn("applied desired state unreadable; starting from none (the retained desired state re-applies): {}",
          e.getMessage());
      return AppliedState.NONE;
    }
  }

  private static Map<String, String> models(AgentCore core) {
    Map<String, String> out = new LinkedHashMap<>();
    if (core.status().get("pipelines") instanceof List<?> ps) {
      for (Object o : ps) {
        if (o instanceof Map<?, ?> p) out.put((String) p.get("name"), (String) p.get("model"));
      }
    }
    return out;
  }

  /** Stops reporting and the control thread; a download in progress keeps its chunks for the next start. */
  @Override
  public void close() {
    reporter.close();
    control.shutdownNow();
    try {
      if (!control.awaitTermination(10, TimeUnit.SECONDS)) log.warn("control thread did not stop within 10 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
