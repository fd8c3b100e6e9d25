package io.edgeladder.agent.config;

import io.edgeladder.agent.ingest.PayloadFormat;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.net.TlsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's configuration, as read from {@code agent.yaml} with environment overrides and validated
 * as a whole by {@link ConfigLoader}. Every field here is already valid; the compact constructors only
 * guard against hand-built configs in code and tests.
 *
 * @param agentId this agent's id (a topic level)
 * @param broker MQTT connection
 * @param http the HTTP port for /metrics, /health, /ready, /status
 * @param inference workers and ONNX Runtime session options
 * @param pipelines sensor streams and their models
 * @param monitor resource sampling, telemetry and the power source
 * @param adaptive the variant-switching policy for pipelines that have a ladder
 * @param control the fleet control path: birth, heartbeat, desired state, signed releases, artifact cache
 * @param spool the on-disk store-and-forward spool for results and events
 */
public record AgentConfig(String agentId, Broker broker, Http http, Inference inference, List<Pipeline> pipelines,
    Monitor monitor, Adaptive adaptive, Control control, Spool spool) {

  public AgentConfig {
    Topics.level("agent", agentId);
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(inference, "inference");
    pipelines = List.copyOf(pipelines);
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(adaptive, "adaptive");
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(spool, "spool");
  }

  /** A config without a spool. */
  public AgentConfig(String agentId, Broker broker, Http http, Inference inference, List<Pipeline> pipelines,
      Monitor monitor, Adaptive adaptive, Control control) {
    this(agentId, broker, http, inference, pipelines, monitor, adaptive, control, Spool.off());
  }

  /** A config with the default control settings. */
  public AgentConfig(String agentId, Broker broker, Http http, Inference inference, List<Pipeline> pipelines,
      Monitor monitor, Adaptive adaptive) {
    this(agentId, broker, http, inference, pipelines, monitor, adaptive, Control.ofDefaults());
  }

  /** A config with the default adaptive settings. */
  public AgentConfig(String agentId, Broker broker, Http http, Inference inference, List<Pipeline> pipelines,
      Monitor monitor) {
    this(agentId, broker, http, inference, pipelines, monitor, Adaptive.ofDefaults());
  }

  /** A config with the default monitor (Linux probes under {@code /}, no simulated power). */
  public AgentConfig(String agentId, Broker broker, Http http, Inference inference, List<Pipeline> pipelines) {
    this(agentId, broker, http, inference, pipelines, Monitor.ofDefaults());
  }

  /**
   * @param url {@code tcp://host:port} (or {@code mqtt://}), {@code ssl://} / {@code mqtts://} for TLS
   * @param clientId MQTT client id; the loader defaults it to the agent id
   * @param username optional
   * @param password optional, from {@code broker.password} or {@code broker.passwordFile}; never logged
   *     ({@link #toString()} masks it)
   * @param keepAliveSeconds MQTT keep-alive, 0..65535 (0 turns keep-alive off)
   * @param resultQos QoS for results (0 or 1)
   * @param tls {@code broker.tls}: CA file, client certificate and key, hostname check; null when absent
   * @param sessionExpirySeconds MQTT v5 session expiry; 0 = clean start on every connect, above 0 = clean
   *     start off (a persistent session kept that long after a disconnect)
   */
  public record Broker(String url, String clientId, String username, String password, int keepAliveSeconds,
      int resultQos, TlsSettings tls, long sessionExpirySeconds) {
    /** The default session expiry: 1 h. */
    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 3600;

    /** Without TLS settings (a {@code tcp://} URL, or JDK trust for {@code ssl://}), default session expiry. */
    public Broker(String url, String clientId, String username, String password, int keepAliveSeconds,
        int resultQos) {
      this(url, clientId, username, password, keepAliveSeconds, resultQos, null);
    }

    /** With the default session expiry. */
    public Broker(String url, String clientId, String username, String password, int keepAliveSeconds,
        int resultQos, TlsSettings tls) {
      this(url, clientId, username, password, keepAliveSeconds, resultQos, tls, DEFAULT_SESSION_EXPIRY_SECONDS);
    }

    public Broker {
      Objects.requireNonNull(url, "broker.url");
      Objects.requireNonNull(clientId, "broker.clientId");
      if (keepAliveSeconds < 0 || keepAliveSeconds > 65535) {
        throw new IllegalArgumentException(
            "broker.keepAliveSeconds must be between 0 and 65535 but was " + keepAliveSeconds);
      }
      if (resultQos != 0 && resultQos != 1) {
        throw new IllegalArgumentException("broker.resultQos must be 0 or 1 but was " + resultQos);
      }
      if (sessionExpirySeconds < 0 || sessionExpirySeconds > 0xFFFFFFFEL) {
        throw new IllegalArgumentException(
            "broker.sessionExpirySeconds must be between 0 and 4294967294 but was " + sessionExpirySeconds);
      }
    }

    @Override
    public String toString() {
      return "Broker[url=" + url + ", clientId=" + clientId + ", username=" + username
          + ", password=" + (password == null ? "null" : "***") + ", keepAliveSeconds=" + keepAliveSeconds
          + ", resultQos=" + resultQos + ", tls=" + tls + ", sessionExpirySeconds=" + sessionExpirySeconds + "]";
    }
  }

  /**
   * @param host address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
   * @param port TCP port; {@value #EPHEMERAL} picks a free port, {@value #DISABLED} turns the server off
   */
  public record Http(String host, int port) {
    /** Port value that lets the OS pick a free port (tests, several agents on one host). */
    public static final int EPHEMERAL = 0;
    /** Port value that turns the HTTP server off. */
    public static final int DISABLED = -1;

    public Http {
      Objects.requireNonNull(host, "http.host");
      if (port < DISABLED || port > 65535) {
        throw new IllegalArgumentException("http.port must be between -1 and 65535 but was " + port);
      }
    }

    /** Whether the agent should start its HTTP server. */
    public boolean enabled() {
      return port != DISABLED;
    }
  }

  /**
   * @param workers inference threads shared by all pipelines (EDF across pipelines)
   * @param queueCapacity windows that may wait for a worker, across pipelines
   * @param runner ONNX Runtime session options
   */
  public record Inference(int workers, int queueCapacity, RunnerOptions runner) {
    public Inference {
      if (workers < 1) throw new IllegalArgumentException("inference.workers must be >= 1 but was " + workers);
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("inference.queueCapacity must be >= 1 but was " + queueCapacity);
      }
      Objects.requireNonNull(runner, "inference runner options");
    }
  }

  /**
   * One sensor stream and its model. {@link ConfigLoader} always stores the resolved values: the
   * absolute model card path and the window size and hop taken from the card when the YAML says 0.
   *
   * @param name pipeline name (a topic level)
   * @param topic MQTT topic (or filter) of the sensor stream
   * @param format payload encoding
   * @param channels channel names in payload order
   * @param unit SenML unit expected (e.g. {@code m/s2}); null accepts any
   * @param sampleRateHz the stream's sample rate; equals the model card's
   * @param modelCard absolute path of the model card (its ONNX file is next to it)
   * @param windowSize samples per window; equals the model card's (0 only in hand-built configs: take the card's)
   * @param hop samples between window starts (0 only in hand-built configs: take the card's)
   * @param deadlineMillis deadline per window, counted from window close
   * @param maxPayloadBytes larger messages are rejected as oversized
   * @param ladder absolute path of the variant ladder's {@code ladder.json}, or null (no switching)
   */
  public record Pipeline(
      String name,
      String topic,
      PayloadFormat format,
      List<String> channels,
      String unit,
      int sampleRateHz,
      Path modelCard,
      int windowSize,
      int hop,
      int deadlineMillis,
      int maxPayloadBytes,
      Path ladder) {
    public Pipeline {
      Topics.level("pipeline", name);
      Objects.requireNonNull(topic, "pipeline topic");
      Objects.requireNonNull(format, "pipeline format");
      Objects.requireNonNull(modelCard, "pipeline modelCard");
      channels = List.copyOf(channels);
      if (channels.isEmpty()) throw new IllegalArgumentException("pipeline " + name + ": channels is empty");
      if (sampleRateHz <= 0 || windowSize < 0 || hop < 0 || deadlineMillis <= 0 || maxPayloadBytes <= 0) {
        throw new IllegalArgumentException("pipeline " + name + ": sampleRateHz, deadlineMillis and "
            + "maxPayloadBytes must be > 0, windowSize and hop >= 0, but were " + sampleRateHz + ", "
            + deadlineMillis + ", " + maxPayloadBytes + ", " + windowSize + ", " + hop);
      }
    }

    /** A pipeline without a ladder. */
    public Pipeline(String name, String topic, PayloadFormat format, List<String> channels, String unit,
        int sampleRateHz, Path modelCard, int windowSize, int hop, int deadlineMillis, int maxPayloadBytes) {
      this(name, topic, format, channels, unit, sampleRateHz, modelCard, windowSize, hop, deadlineMillis,
          maxPayloadBytes, null);
    }
  }

  /**
   * Resource monitoring ({@code monitor:}).
   *
   * @param enabled false runs no monitor (no resource metrics or telemetry)
   * @param periodMillis time between resource samples
   * @param telemetryPeriodMillis time between telemetry messages on {@code fleet/{agent}/telemetry}
   * @param root where {@code proc/} and {@code sys/} are read ({@code /} on a device, a fixture tree in tests)
   * @param power where battery and energy readings come from
   */
  public record Monitor(boolean enabled, int periodMillis, int telemetryPeriodMillis, Path root, Power power) {
    public Monitor {
      if (periodMillis <= 0 || telemetryPeriodMillis <= 0) {
        throw new IllegalArgumentException("monitor.periodMs and telemetryPeriodMs must be > 0 but were "
            + periodMillis + ", " + telemetryPeriodMillis);
      }
      Objects.requireNonNull(root, "monitor.root");
      Objects.requireNonNull(power, "monitor.power");
    }

    public static Monitor ofDefaults() {
      return new Monitor(true, 1000, 10_000, Path.of("/"), Power.ofDefaults());
    }
  }

  /**
   * The power source ({@code monitor.power:}). With {@code simulated}, a battery of {@code batteryWh} starting
   * at {@code initialSoc} (0..1) is drained by {@code idleWatts + wattsPerCore × busy cores} and charged by the
   * harvest: none, a generated {@code diurnal} curve (peak, period, seed) or a CSV trace file.
   *
   * @param source {@code linux} (/sys power_supply and RAPL) or {@code simulated}
   * @param harvestCsv the CSV trace ({@code t_seconds,harvest_watts}), or null for {@code harvest}
   * @param harvest {@code none}, {@code diurnal} or {@code csv}
   */
  public record Power(String source, double batteryWh, double initialSoc, double idleWatts, double wattsPerCore,
      String harvest, Path harvestCsv, double harvestPeakWatts, double harvestPeriodSeconds, long seed) {
    public Power {
      if (!source.equals("linux") && !source.equals("simulated")) {
        throw new IllegalArgumentException("monitor.power.source must be linux or simulated but was '" + source + "'");
      }
      if (harvest.equals("csv") != (harvestCsv != null)) {
        throw new IllegalArgumentException("monitor.power.harvestTrace: csv needs a file, others none");
      }
    }

    public static Power ofDefaults() {
      return new Power("linux", 20, 1.0, 2.0, 1.5, "none", null, 10, 86_400, 1);
    }

    public boolean simulated() {
      return source.equals("simulated");
    }
  }

  /**
   * Variant switching ({@code adaptive:}), for pipelines with a {@code ladder}.
   *
   * @param enabled false keeps every pipeline on its model card's model
   * @param periodMillis time between policy decisions (and probation checks)
   * @param holdDownMillis minimum time between two switches, except to escape deadline misses
   * @param deadlineMargin fraction of the deadline kept free, in [0, 1)
   * @param probationMillis how long a new variant is watched before it is trusted; 0 = no probation
   * @param maxMissRate deadline-miss rate in [0, 1] that counts as overload (policy) and fails probation
   * @param minAccuracy the least accuracy a variant may have, in [0, 1]
   * @param pinned a variant id every ladder pipeline serves regardless of the policy, or null
   * @param allowed variant ids the policy may choose; empty = all
   * @param stateDir where on-device profiles are kept, or null for {@code ${java.io.tmpdir}/edgeladder-<agent>}
   * @param energyBudgetWatts power a pipeline may draw while the battery is above {@code energyFloor}, watts (> 0)
   * @param energyFloor battery level in [0, 1] below which the budget shrinks linearly to 0 (plus harvest)
   * @param profileRefresh when running profiles are measured again because the background load moved
   * @param maxCpuUtilization share of the cores other processes leave free that the agent may plan to use, in
   *     (0, 1]: a variant whose predicted CPU at the current window rate exceeds it does not fit
   */
  public record Adaptive(boolean enabled, int periodMillis, int holdDownMillis, double deadlineMargin,
      int probationMillis, double maxMissRate, double minAccuracy, String pinned, List<String> allowed,
      Path stateDir, double energyBudgetWatts, double energyFloor, ProfileRefresh profileRefresh,
      double maxCpuUtilization) {
    public Adaptive {
      if (!(maxCpuUtilization > 0 && maxCpuUtilization <= 1)) {
        throw new IllegalArgumentException("adaptive.maxCpuUtilization must be in (0, 1] but was " + maxCpuUtilization);
      }
      if (!(energyBudgetWatts > 0) || Double.isInfinite(energyBudgetWatts)) {
        throw new IllegalArgumentException("adaptive.energyBudgetWatts must be > 0 but was " + energyBudgetWatts);
      }
      if (!(energyFloor >= 0 && energyFloor <= 1)) {
        throw new IllegalArgumentException("adaptive.energyFloor must be in [0, 1] but was " + energyFloor);
      }
      java.util.Objects.requireNonNull(profileRefresh, "adaptive.profileRefresh");
      if (periodMillis <= 0 || holdDownMillis < 0 || probationMillis < 0) {
        throw new IllegalArgumentException("adaptive.periodMs must be > 0, holdDownMs and probationMs >= 0, but were "
            + periodMillis + ", " + holdDownMillis + ", " + probationMillis);
      }
      if (!(deadlineMargin >= 0 && deadlineMargin < 1)) {
        throw new IllegalArgumentException("adaptive.deadlineMargin must be in [0, 1) but was " + deadlineMargin);
      }
      if (!(maxMissRate >= 0 && maxMissRate <= 1) || !(minAccuracy >= 0 && minAccuracy <= 1)) {
        throw new IllegalArgumentException("adaptive.maxMissRate and minAccuracy must be in [0, 1] but were "
            + maxMissRate + ", " + minAccuracy);
      }
      allowed = List.copyOf(allowed);
    }

    /** With the default energy budget (5 W, floor 30 %), profile refresh and CPU cap (85 %). */
    public Adaptive(boolean enabled, int periodMillis, int holdDownMillis, double deadlineMargin,
        int probationMillis, double maxMissRate, double minAccuracy, String pinned, List<String> allowed,
        Path stateDir) {
      this(enabled, periodMillis, holdDownMillis, deadlineMargin, probationMillis, maxMissRate, minAccuracy, pinned,
          allowed, stateDir, 5.0, 0.3, ProfileRefresh.ofDefaults(), 0.85);
    }

    /** Enabled, 1 s ticks, 30 s hold-down, 20 % margin, 30 s probation, 5 % misses, no bounds. */
    public static Adaptive ofDefaults() {
      return new Adaptive(true, 1000, 30_000, 0.2, 30_000, 0.05, 0, null, List.of(), null);
    }
  }

  /**
   * Re-profiling while running ({@code adaptive.profileRefresh:}): a variant's profile is measured again
   * when the background load (other processes' cores) has differed from the load it was measured under by
   * more than {@code loadDeltaCores} for {@code samples} consecutive monitor samples.
   *
   * @param enabled false keeps the start-up profiles for the agent's lifetime
   * @param loadDeltaCores background-load change, in cores, that makes a profile stale (> 0)
   * @param samples consecutive monitor samples the change must last (>= 1)
   * @param minIntervalMillis least time between two refreshes of a pipeline's profiles (>= 0)
   */
  public record ProfileRefresh(boolean enabled, double loadDeltaCores, int samples, int minIntervalMillis) {
    public ProfileRefresh {
      if (!(loadDeltaCores > 0) || Double.isInfinite(loadDeltaCores)) {
        throw new IllegalArgumentException("adaptive.profileRefresh.loadDeltaCores must be > 0 but was " + loadDeltaCores);
      }
      if (samples < 1) {
        throw new IllegalArgumentException("adaptive.profileRefresh.samples must be >= 1 but was " + samples);
      }
      if (minIntervalMillis < 0) {
        throw new IllegalArgumentException("adaptive.profileRefresh.minIntervalMs must be >= 0 but was "
            + minIntervalMillis);
      }
    }

    /** Enabled, 1 core, 3 samples, 60 s between refreshes. */
    public static ProfileRefresh ofDefaults() {
      return new ProfileRefresh(true, 1.0, 3, 60_000);
    }
  }

  /**
   * The fleet control path ({@code control:}): what the agent announces and how it takes desired state and
   * signed releases from the controller.
   *
   * @param enabled false publishes no birth or heartbeat and ignores desired state
   * @param heartbeatMillis time between heartbeats on {@code fleet/{agent}/heartbeat} (> 0)
   * @param publicKey the controller's Ed25519 public key (PEM), or null: releases are then refused
   * @param cacheMaxBytes size bound of the artifact cache; artifacts no pipeline uses are evicted beyond it
   * @param stateDir where applied state, downloads, cache and releases live, or null for
   *     {@code adaptive.stateDir} (itself defaulting to {@code ${java.io.tmpdir}/edgeladder-<agent>})
   * @param labels operator labels announced in the birth message (selectors), e.g. {@code site=plant-3}
   * @param chunkRetryMillis wait before a rejected chunk is fetched again, once every other chunk is in
   * @param applyTimeoutMillis how long an installed ladder has to start serving before the state is PARTIAL
   */
  public record Control(boolean enabled, int heartbeatMillis, Path publicKey, long cacheMaxBytes, Path stateDir,
      Map<String, String> labels, int chunkRetryMillis, int applyTimeoutMillis) {
    public Control {
      if (heartbeatMillis <= 0 || chunkRetryMillis <= 0 || applyTimeoutMillis <= 0) {
        throw new IllegalArgumentException("control.heartbeatMs, chunkRetryMs and applyTimeoutMs must be > 0 but were "
            + heartbeatMillis + ", " + chunkRetryMillis + ", " + applyTimeoutMillis);
      }
      if (cacheMaxBytes < 1) {
        throw new IllegalArgumentException("control.cacheMaxBytes must be >= 1 but was " + cacheMaxBytes);
      }
      labels = Map.copyOf(labels);
    }

    /** Enabled, 5 s heartbeats, no key (releases refused), 256 MiB cache, 5 s chunk retry, 60 s to apply. */
    public static Control ofDefaults() {
      return new Control(true, 5000, null, 256L << 20, null, Map.of(), 5000, 60_000);
    }
  }

  /**
   * @param dir the spool folder; null turns the spool off (undeliverable publishes then fail)
   * @param maxBytes bound of the spool on disk; the oldest records are dropped beyond it
   * @param fsync {@code always}, {@code interval} or {@code never}
   * @param fsyncIntervalMillis the interval of {@code fsync: interval}
   * @param minQos publishes with this QoS or above are spooled (1: results and events; 0: telemetry too)
   */
  public record Spool(Path dir, long maxBytes, String fsync, int fsyncIntervalMillis, int minQos) {
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    static final List<String> FSYNC = List.of("always", "interval", "never");

    public Spool {
      if (maxBytes < 65536) throw new IllegalArgumentException("spool.maxBytes must be >= 65536 but was " + maxBytes);
      if (!FSYNC.contains(fsync)) {
        throw new IllegalArgumentException("spool.fsync must be one of " + FSYNC + " but was " + fsync);
      }
      if (fsyncIntervalMillis < 1) {
        throw new IllegalArgumentException("spool.fsyncIntervalMs must be >= 1 but was " + fsyncIntervalMillis);
      }
      if (minQos < 0 || minQos > 2) throw new IllegalArgumentException("spool.minQos must be 0..2 but was " + minQos);
    }

    /** No spool. */
    public static Spool off() {
      return new Spool(null, DEFAULT_MAX_BYTES, "interval", 1000, 1);
    }

    public boolean enabled() {
      return dir != null;
    }
  }
}
