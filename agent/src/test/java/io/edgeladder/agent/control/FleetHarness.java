package io.edgeladder.agent.control;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.app.AgentStartException;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.edgeladder.protocol.fleet.ReportedState;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The controller's side of the fleet protocol for agent tests, over a plain Paho v5 client: publishes desired
 * states, manifests and chunks (retained, QoS 1), and keeps what the agent reports (births, heartbeats,
 * reported states, events, inference results), parsed. Also builds and starts real agents from YAML.
 */
final class FleetHarness implements MqttCallback, AutoCloseable {
  static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();
  static final Path CARD = MODELS.resolve("vibration-cnn/model-card.json");
  private static final long WAIT_MILLIS = 10_000;

  final String agentId;
  private final MqttAsyncClient client;
  final List<AgentBirth> births = new CopyOnWriteArrayList<>();
  final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
  final List<ReportedState> reported = new CopyOnWriteArrayList<>();
  final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  final List<InferenceResult> results = new CopyOnWriteArrayList<>();
  final List<String> unparsable = new CopyOnWriteArrayList<>();

  private FleetHarness(String agentId, MqttAsyncClient client) {
    this.agentId = agentId;
    this.client = client;
  }

  /** Connects and subscribes to everything {@code agentId} publishes. */
  static FleetHarness connect(String brokerUrl, String agentId) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "fleet-test-" + System.nanoTime(), new MemoryPersistence());
    FleetHarness h = new FleetHarness(agentId, client);
    client.setCallback(h);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options).waitForCompletion(WAIT_MILLIS);
    client.subscribe(new String[] {"fleet/" + agentId + "/#", "inference/" + agentId + "/#"}, new int[] {1, 1})
        .waitForCompletion(WAIT_MILLIS);
    return h;
  }

  /** Publishes retained at QoS 1 and waits for the broker's acknowledgement. */
  void retain(String topic, byte[] payload) throws MqttException {
    client.publish(topic, new MqttMessage(payload, 1, true, null)).waitForCompletion(WAIT_MILLIS);
  }

  void desired(long version, String releaseSha, Bounds bounds) throws MqttException {
    DesiredState d = new DesiredState(agentId, version, Instant.now(),
        List.of(new PipelineDesired("pump-1", "vibration-cnn", releaseSha, bounds)));
    retain(Topics.desired(agentId), d.toJson());
  }

  /** A real agent with one pipeline (pump-1, the vibration model card, no configured ladder). */
  static Agent agent(String brokerUrl, String agentId, Path dir, String control) {
    String yaml = """
        agent: {id: %s}
        broker: {url: %s, resultQos: 1}
        http: {port: -1}
        pipelines:
          - {name: pump-1, topic: sensors/pump-1/vibration, channels: [x, y, z], sampleRateHz: 10000,
             model: %s, deadlineMs: 1000}
        monitor: {enabled: false}
        adaptive: {periodMs: 100, holdDownMs: 0, probationMs: 0, stateDir: state}
        control: {%s}
        """.formatted(agentId, brokerUrl, CARD, control);
    try {
      AgentConfig config = ConfigLoader.parse(yaml, dir, Map.of());
      return Agent.start(config, Clock.SYSTEM);
    } catch (AgentStartException | io.edgeladder.agent.config.ConfigException e) {
      throw new AssertionError("agent did not start: " + e.getMessage(), e);
    }
  }

  static double count(Agent agent, String name, String... tags) {
    Counter c = agent.registry().find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  List<AgentEvent> events(String type) {
    List<AgentEvent> out = new ArrayList<>();
    for (AgentEvent e : events) {
      if (e.type().equals(type)) out.add(e);
    }
    return out;
  }

  /** The last reported state, or null. */
  ReportedState lastReported() {
    return reported.isEmpty() ? null : reported.get(reported.size() - 1);
  }

  boolean reportedFinal(long version, ReportedState.State state) {
    ReportedState r = lastReported();
    return r != null && r.desiredVersion() == version && r.state() == state;
  }

  /** Polls every 20 ms until {@code condition} holds; fails naming {@code what} and the diagnostics. */
  static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> diagnostics)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what + "; "
            + diagnostics.get());
      }
      Thread.sleep(20);
    }
  }

  /** What the agent said so far, for failure messages. */
  String diagnostics() {
    return "reported " + reported.stream().map(r -> r.desiredVersion() + ":" + r.state() + r.pipelines()).toList()
        + ", events " + events.stream().filter(e -> !e.type().equals("policy.decision"))
            .map(e -> e.type() + " " + e.message()).toList() + ", unparsable " + unparsable;
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    byte[] p = message.getPayload();
    try {
      if (topic.startsWith("inference/")) {
        results.add(InferenceResult.parse(p));
      } else if (topic.endsWith("/birth")) {
        births.add(AgentBirth.parse(p));
      } else if (topic.endsWith("/heartbeat")) {
        heartbeats.add(Heartbeat.parse(p));
      } else if (topic.endsWith("/reported")) {
        reported.add(ReportedState.parse(p));
      } else if (topic.endsWith("/events")) {
        events.add(AgentEvent.parse(p));
      }
    } catch (Exception e) {
      unparsable.add(topic + ": " + e.getMessage());
    }
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {}

  @Override
  public void mqttErrorOccurred(MqttException exception) {}

  @Override
  public void deliveryComplete(IMqttToken token) {}

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {}

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {}

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) client.disconnect().waitForCompletion(WAIT_MILLIS);
    client.close();
  }
}
