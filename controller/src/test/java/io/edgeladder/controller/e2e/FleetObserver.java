package io.edgeladder.controller.e2e;

import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.protocol.fleet.ReportedState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * An independent MQTT observer of the whole fleet: what every agent serves ({@code inference/+/+}: the
 * variant and sha256 of each result), its events and its reported states, parsed, per agent. It also plays
 * the rogue client of the bad-input tests ({@link #retain}). Paho's thread appends; test threads read.
 */
final class FleetObserver implements MqttCallback, AutoCloseable {
  /** One result, reduced to what the tests compare. */
  record Served(String variant, String sha256, boolean deadlineMet) {}

  private static final long WAIT_MILLIS = 10_000;
  private final MqttAsyncClient client;
  private final Map<String, List<Served>> results = new ConcurrentHashMap<>();
  private final Map<String, List<AgentEvent>> events = new ConcurrentHashMap<>();
  private final Map<String, List<ReportedState>> reported = new ConcurrentHashMap<>();
  final List<String> unparsable = new CopyOnWriteArrayList<>();

  private FleetObserver(MqttAsyncClient client) {
    this.client = client;
  }

  static FleetObserver connect(String brokerUrl) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(brokerUrl, "e2e-observer-" + System.nanoTime(), new MemoryPersistence());
    FleetObserver o = new FleetObserver(c);
    c.setCallback(o);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    c.connect(options).waitForCompletion(WAIT_MILLIS);
    c.subscribe(new String[] {"inference/+/+", "fleet/+/events", "fleet/+/reported"}, new int[] {0, 1, 1})
        .waitForCompletion(WAIT_MILLIS);
    return o;
  }

  /** Publishes retained at QoS 1 as any client on the broker could (the rogue of the bad-input tests). */
  void retain(String topic, byte[] payload) throws MqttException {
    client.publish(topic, new MqttMessage(payload, 1, true, null)).waitForCompletion(WAIT_MILLIS);
  }

  /** A copy of the agent's results so far, oldest first. */
  /** Publishes once (not retained) at QoS 1, e.g. a spoofed heartbeat. */
  void publish(String topic, byte[] payload) throws MqttException {
    client.publish(topic, new MqttMessage(payload, 1, false, null)).waitForCompletion(WAIT_MILLIS);
  }

  List<Served> results(String agent) {
    List<Served> r = results.getOrDefault(agent, List.of());
    synchronized (r) {
      return new ArrayList<>(r);
    }
  }

  /** The sha256 of the agent's latest result, or null before its first. */
  String servingSha(String agent) {
    List<Served> r = results.getOrDefault(agent, List.of());
    synchronized (r) {
      return r.isEmpty() ? null : r.get(r.size() - 1).sha256();
    }
  }

  List<AgentEvent> events(String agent, String type) {
    List<AgentEvent> out = new ArrayList<>();
    for (AgentEvent e : events.getOrDefault(agent, List.of())) {
      if (e.type().equals(type)) out.add(e);
    }
    return out;
  }

  /** The agent's last reported state, or null. */
  ReportedState lastReported(String agent) {
    List<ReportedState> r = reported.getOrDefault(agent, List.of());
    return r.isEmpty() ? null : r.get(r.size() - 1);
  }

  /** What the agents said, for failure messages. */
  String diagnostics() {
    StringBuilder sb = new StringBuilder();
    reported.forEach((a, rs) -> sb.append("\n  ").append(a).append(" reported ")
        .append(rs.stream().map(r -> r.desiredVersion() + ":" + r.state() + r.pipelines()).toList()));
    events.forEach((a, es) -> sb.append("\n  ").append(a).append(" events ").append(es.stream()
        .filter(e -> !e.type().equals("policy.decision")).map(e -> e.type() + " " + e.message()).toList()));
    results.keySet().forEach(a -> {
      List<Served> rs = results(a);
      sb.append("\n  ").append(a).append(" results ").append(rs.size()).append(", last ")
          .append(rs.isEmpty() ? "-" : rs.get(rs.size() - 1));
    });
    if (!unparsable.isEmpty()) sb.append("\n  unparsable ").append(unparsable);
    return sb.toString();
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    String agent = topic.split("/")[1];
    try {
      if (topic.startsWith("inference/")) {
        InferenceResult r = InferenceResult.parse(message.getPayload());
        results.computeIfAbsent(agent, a -> Collections.synchronizedList(new ArrayList<>()))
            .add(new Served(r.variant(), r.sha256(), r.deadlineMet()));
      } else if (topic.endsWith("/events")) {
        list(events, agent).add(AgentEvent.parse(message.getPayload()));
      } else if (topic.endsWith("/reported")) {
        list(reported, agent).add(ReportedState.parse(message.getPayload()));
      }
    } catch (Exception e) {
      unparsable.add(topic + ": " + e.getMessage());
    }
  }

  private static <T> List<T> list(Map<String, List<T>> map, String agent) {
    return map.computeIfAbsent(agent, a -> new CopyOnWriteArrayList<>());
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
