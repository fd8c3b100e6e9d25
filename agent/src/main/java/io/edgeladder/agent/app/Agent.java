package io.edgeladder.agent.app;

import io.edgeladder.agent.adaptive.AdaptiveWiring;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.control.ControlPlane;
import io.edgeladder.agent.http.AgentHttpServer;
import io.edgeladder.agent.http.AgentMetrics;
import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ort.OrtModelLoader;
import io.edgeladder.agent.monitor.AgentMonitor;
import io.edgeladder.agent.pipeline.AgentCore;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.agent.transport.paho.PahoSession;
import io.edgeladder.agent.transport.paho.PahoTransport;
import io.edgeladder.agent.transport.paho.PahoTransportOptions;
import io.edgeladder.agent.transport.spool.FsyncPolicy;
import io.edgeladder.agent.transport.spool.SpoolOptions;
import io.edgeladder.agent.transport.spool.SpoolingTransport;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: metrics, MQTT transport, inference core and HTTP endpoint, wired from one
 * {@link AgentConfig}. Start order: load models (fail fast on a bad file), put each pipeline's last known good
 * variant in place ({@link LastGoodStart}), connect, start workers and
 * subscribe, start the monitor, profile ladders and start the adaptive loop, start the control path (birth,
 * heartbeats, desired state, releases), then serve HTTP; close stops the control path, the monitor, HTTP and
 * the adaptive loop (policy, then swaps) before the transport and the core.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  private static final long CONNECT_TIMEOUT_SECONDS = 30;

  private final AgentConfig config;
  private final AgentMetrics metrics;
  private final Transport transport;
  private final AgentCore core;
  private final AgentHttpServer http;
  private final AgentMonitor monitor; // null when monitor.enabled is false
  private final AdaptiveWiring adaptive; // null: see adaptive()
  private final ControlPlane control; // null when control.enabled is false

  private Agent(AgentConfig config, AgentMetrics metrics, Transport transport, AgentCore core,
      AgentHttpServer http, AgentMonitor monitor, AdaptiveWiring adaptive, ControlPlane control) {
    this.config = config;
    this.metrics = metrics;
    this.transport = transport;
    this.core = core;
    this.http = http;
    this.monitor = monitor;
    this.adaptive = adaptive;
    this.control = control;
  }

  /**
   * Starts an agent.
   *
   * @throws AgentStartException naming the part that failed (model, broker, HTTP port)
   */
  public static Agent start(AgentConfig config, Clock clock) throws AgentStartException {
    AgentMetrics metrics = AgentMetrics.create(config.agentId());
    PrometheusMeterRegistry registry = metrics.registry();
    Transport transport;
    try {
      transport = transport(config, registry);
    } catch (IOException e) {
      metrics.close();
      throw new AgentStartException("agent " + config.agentId() + ": " + e.getMessage(), e);
    }
    AgentCore core = null;
    AgentHttpServer http = null;
    AgentMonitor monitor = null;
    AdaptiveWiring adaptive = null;
    ControlPlane control = null;
    try {
      core = AgentCore.create(config, OrtModelLoader.of(), transport, registry, clock);
      LastGoodStart lastGood = LastGoodStart.restore(config, core, OrtModelLoader.of(), clock);
      transport.connect().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (lastGood != null) lastGood.announce(transport);
      core.start().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (config.monitor().enabled()) monitor = AgentMonitor.start(config, transport, registry, clock);
      adaptive = AdaptiveWiring.start(config, core, transport, monitor, OrtModelLoader.of(), clock, registry);
      if (adaptive != null && lastGood != null) lastGood.record(adaptive.swaps());
      if (config.control().enabled()) {
        control = ControlPlane.start(config, core, transport, adaptive == null ? null : new AdaptiveLadderTarget(adaptive),
            OrtModelLoader.runtimeVersion(), registry, clock);
      }
      if (config.http().enabled()) {
        AgentCore c = core;
        http = AgentHttpServer.start(config.http().host(), config.http().port(), registry, c::status,
            c::ready, () -> true);
      }
      Agent agent = new Agent(config, metrics, transport, core, http, monitor, adaptive, control);
      log.info("agent {} running: {} pipeline(s), broker {}, http {}", config.agentId(),
          config.pipelines().size(), config.broker().url(),
          http == null ? "off" : config.http().host() + ":" + http.port());
      return agent;
    } catch (ModelLoadException | InferenceException | IOException e) {
      closeQuietly(control, monitor, http, adaptive, core, transport, metrics);
      throw new AgentStartException("agent " + config.agentId() + ": " + e.getMessage(), e);
    } catch (ExecutionException e) {
      closeQuietly(control, monitor, http, adaptive, core, transport, metrics);
      throw new AgentStartException("agent " + config.agentId() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      closeQuietly(control, monitor, http, adaptive, core, transport, metrics);
      throw new AgentStartException("agent " + config.agentId() + ": no connection to "
          + config.broker().url() + " within " + CONNECT_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(control, monitor, http, adaptive, core, transport, metrics);
      throw new AgentStartException("agent " + config.agentId() + ": interrupted while starting", e);
    } catch (RuntimeException e) {
      closeQuietly(control, monitor, http, adaptive, core, transport, metrics);
      throw new AgentStartException("agent " + config.agentId() + ": " + e.getMessage(), e);
    }
  }

  /** Paho, wrapped in the store-and-forward spool when {@code spool.dir} is set. */
  private static Transport transport(AgentConfig config, PrometheusMeterRegistry registry) throws IOException {
    AgentConfig.Broker b = config.broker();
    Transport paho = PahoTransport.create(transportOptions(config),
        new PahoSession(Duration.ofSeconds(b.sessionExpirySeconds())), registry);
    AgentConfig.Spool s = config.spool();
    if (!s.enabled()) {
      return paho;
    }
    try {
      return SpoolingTransport.open(paho, new SpoolOptions(s.dir(), s.maxBytes(),
          FsyncPolicy.valueOf(s.fsync().toUpperCase(java.util.Locale.ROOT)),
          Duration.ofMillis(s.fsyncIntervalMillis()), s.minQos()), registry);
    } catch (IOException | RuntimeException e) {
      paho.close();
      throw new IOException("spool " + s.dir() + ": " + e.getMessage(), e);
    }
  }

  private static PahoTransportOptions transportOptions(AgentConfig config) {
    AgentConfig.Broker b = config.broker();
    return PahoTransportOptions.of(b.url(), b.clientId(), config.agentId())
        .withCredentials(b.username(), b.password())
        .withTls(b.tls())
        .withKeepAlive(Duration.ofSeconds(b.keepAliveSeconds()));
  }

  private static void closeQuietly(AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        log.warn("while closing {} after a failed start", part.getClass().getSimpleName(), e);
      }
    }
  }

  public AgentConfig config() {
    return config;
  }

  public Map<String, Object> status() {
    return core.status();
  }

  public boolean ready() {
    return core.ready();
  }

  public PrometheusMeterRegistry registry() {
    return metrics.registry();
  }

  /** The resource monitor (latest sample for the policy), or null when {@code monitor.enabled} is false. */
  public AgentMonitor monitor() {
    return monitor;
  }

  /**
   * The adaptive loop, or null when {@code adaptive.enabled} is false, or when no pipeline has a ladder and
   * {@code control.enabled} is false.
   */
  public AdaptiveWiring adaptive() {
    return adaptive;
  }

  /** The bound HTTP port, or -1 when HTTP is off. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  /** The control path, or null when {@code control.enabled} is false. */
  public ControlPlane control() {
    return control;
  }

  @Override
  public void close() {
    closeQuietly(control, monitor, http, adaptive); // policy, then swaps, before the core closes its sessions
    // Stop intake first (offline status, no more messages), then drain the workers and close sessions.
    closeQuietly(transport, core, metrics);
  }
}
