package io.edgeladder.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.app.AgentStartException;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigException;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.simulator.ConditionSchedule;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SimulatorConfig;
import io.micrometer.core.instrument.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Shared pieces of the agent's end-to-end tests: the real vibration model, agent configs written as
 * YAML (so the loader is part of every test), HTTP reads and polling with deadlines.
 */
final class E2e {
  /** Failsafe runs in the module folder; the model sits in the repository's {@code models/}. */
  static final Path MODEL_DIR = Path.of("..", "models", "vibration-cnn").toAbsolutePath().normalize();
  static final Path MODEL_CARD = MODEL_DIR.resolve("model-card.json");
  static final int WINDOW = 1024;
  static final int HOP = 512;
  static final int SAMPLE_RATE = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private E2e() {}

  /** One pipeline of the test agent; {@code format} as in agent.yaml (raw-f32le, json, senml). */
  record Pipe(String name, String topic, String format, int deadlineMs, int maxPayloadBytes) {
    static Pipe of(String name, String format, int deadlineMs) {
      return new Pipe(name, "sensors/" + name + "/vibration", format, deadlineMs, 262_144);
    }

    Pipe withMaxPayloadBytes(int bytes) {
      return new Pipe(name, topic, format, deadlineMs, bytes);
    }
  }

  static String yaml(String agentId, String brokerUrl, int workers, int queueCapacity, Pipe... pipes) {
    StringBuilder y = new StringBuilder();
    y.append("agent:\n  id: ").append(agentId).append('\n')
        .append("broker:\n  url: ").append(brokerUrl).append("\n  resultQos: 1\n")
        .append("http:\n  host: 127.0.0.1\n  port: 0\n")
        .append("inference:\n  workers: ").append(workers)
        .append("\n  queueCapacity: ").append(queueCapacity).append('\n')
        .append("pipelines:\n");
    for (Pipe p : pipes) {
      y.append("  - name: ").append(p.name()).append('\n')
          .append("    topic: ").append(p.topic()).append('\n')
          .append("    format: ").append(p.format()).append('\n')
          .append("    channels: [x, y, z]\n")
          .append("    unit: m/s2\n")
          .append("    sampleRateHz: ").append(SAMPLE_RATE).append('\n')
          .append("    model: ").append(MODEL_CARD).append('\n')
          .append("    deadlineMs: ").append(p.deadlineMs()).append('\n')
          .append("    maxPayloadBytes: ").append(p.maxPayloadBytes()).append('\n');
    }
    return y.toString();
  }

  static AgentConfig config(String agentId, String brokerUrl, int workers, int queueCapacity, Pipe... pipes) {
    try {
      return ConfigLoader.parse(yaml(agentId, brokerUrl, workers, queueCapacity, pipes), MODEL_DIR, Map.of());
    } catch (ConfigException e) {
      throw new AssertionError("test config rejected: " + e.getMessage(), e);
    }
  }

  static Agent start(AgentConfig config) {
    try {
      return Agent.start(config, Clock.SYSTEM);
    } catch (AgentStartException e) {
      throw new AssertionError("agent did not start: " + e.getMessage(), e);
    }
  }

  static HttpResponse<String> get(int port, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " on port " + port, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + path, e);
    }
  }

  /** {@code GET /status} over HTTP, checked for 200. */
  static JsonNode status(Agent agent) {
    HttpResponse<String> r = get(agent.httpPort(), "/status");
    assertThat(r.statusCode()).as("GET /status: %s", r.body()).isEqualTo(200);
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("/status is not JSON: " + r.body(), e);
    }
  }

  /** {@code GET /metrics} over HTTP, checked for 200. */
  static PromText metrics(Agent agent) {
    HttpResponse<String> r = get(agent.httpPort(), "/metrics");
    assertThat(r.statusCode()).as("GET /metrics").isEqualTo(200);
    return new PromText(r.body());
  }

  /** The entry of {@code pipeline} in a {@code /status} document. */
  static JsonNode pipeline(JsonNode status, String pipeline) {
    for (JsonNode p : status.path("pipelines")) {
      if (pipeline.equals(p.path("name").asText())) {
        return p;
      }
    }
    throw new AssertionError("no pipeline " + pipeline + " in /status: " + status);
  }

  /** Shed windows over all reasons of one pipeline's {@code /status} entry. */
  static long shedTotal(JsonNode pipelineStatus) {
    long n = 0;
    for (JsonNode v : pipelineStatus.path("shed")) {
      n += v.asLong();
    }
    return n;
  }

  /**
   * A simulated machine cycling through all five conditions, {@code dwell} each, publishing QoS 1 (so
   * truth by sequence number holds) at {@code speed} times real time for {@code stream} of stream time.
   */
  static SimulatorConfig simulator(String url, String machine, PayloadFormat format, long seed,
      Duration dwell, Duration stream, double speed) {
    return SimulatorConfig.builder()
        .brokerUri(url)
        .clientId("e2e-sim-" + machine)
        .machines(List.of(machine))
        .format(format)
        .schedule(ConditionSchedule.cycle(dwell))
        .seed(seed)
        .qos(1)
        .rateMultiplier(speed)
        .duration(stream)
        .build();
  }

  /** Windows the agent cuts from {@code frames} frames of one stream. */
  static long windowsFor(long frames) {
    return frames < WINDOW ? 0 : (frames - WINDOW) / HOP + 1;
  }

  /** Polls {@code condition} every 20 ms until it holds; fails naming {@code what} after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    await(what, timeout, condition, () -> "");
  }

  /** As {@link #await(String, Duration, BooleanSupplier)}; the failure also says {@code diagnostics}. */
  static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> diagnostics)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
            + "; " + diagnostics.get());
      }
      Thread.sleep(20);
    }
  }

  static String sha256(Path file) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
