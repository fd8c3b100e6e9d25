package io.edgeladder.agent.config;

import io.edgeladder.agent.ingest.PayloadFormat;
import io.edgeladder.agent.inference.RunnerOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent's configuration, as read from {@code agent.yaml} with environment overrides and validated
 * as a whole by {@link ConfigLoader}. Every field here is already valid.
 *
 * @param agentId this agent's id (a topic level)
 * @param broker MQTT connection
 * @param http the HTTP port for /metrics, /health, /ready, /status
 * @param inference workers and ONNX Runtime session options
 * @param pipelines sensor streams and their models
 */
public record AgentConfig(
    String agentId, Broker broker, Http http, Inference inference, List<Pipeline> pipelines) {

  public AgentConfig {
    pipelines = List.copyOf(pipelines);
  }

  /**
   * @param url {@code tcp://host:port} (or {@code ssl://})
   * @param clientId MQTT client id; defaults to the agent id
   * @param username optional
   * @param password optional; never logged
   * @param keepAliveSeconds MQTT keep-alive
   * @param resultQos QoS for results (0 or 1)
   */
  public record Broker(
      String url, String clientId, String username, String password, int keepAliveSeconds, int resultQos) {
    @Override
    public String toString() {
      return "Broker[url=" + url + ", clientId=" + clientId + ", username=" + username
          + ", password=" + (password == null ? "null" : "***") + ", keepAliveSeconds=" + keepAliveSeconds
          + ", resultQos=" + resultQos + "]";
    }
  }

  /** @param port 0 disables the HTTP server */
  public record Http(String host, int port) {}

  /**
   * @param workers inference threads shared by all pipelines (EDF across pipelines)
   * @param queueCapacity windows that may wait for a worker, across pipelines
   * @param runner ONNX Runtime session options
   */
  public record Inference(int workers, int queueCapacity, RunnerOptions runner) {}

  /**
   * @param name pipeline name (a topic level)
   * @param topic MQTT topic (or filter) of the sensor stream
   * @param format payload encoding
   * @param channels channel names in payload order
   * @param unit SenML unit expected (e.g. {@code m/s2}); null accepts any
   * @param sampleRateHz the stream's sample rate; must equal the model card's
   * @param modelCard path of the model card (its ONNX file is next to it)
   * @param windowSize samples per window; 0 takes the model card's
   * @param hop samples between windows; 0 takes the model card's
   * @param deadlineMillis deadline per window, counted from window close
   * @param maxPayloadBytes larger messages are rejected as oversized
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
      int maxPayloadBytes) {
    public Pipeline {
      channels = List.copyOf(channels);
    }
  }
}
