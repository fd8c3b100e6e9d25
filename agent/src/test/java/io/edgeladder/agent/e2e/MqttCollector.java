package io.edgeladder.agent.e2e;

import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.InferenceResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A plain Paho v5 subscriber that keeps every inference result (by pipeline, in arrival order) and
 * every agent event. Messages are routed through the global callback: Paho 1.2.5's per-subscription
 * listeners are unreliable. Payloads that do not parse are counted, not dropped silently.
 */
final class MqttCollector implements MqttCallback, AutoCloseable {
  private static final long WAIT_MILLIS = 10_000;

  private final MqttAsyncClient client;
  private final Map<String, List<InferenceResult>> results = new ConcurrentHashMap<>();
  private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> unparsable = new CopyOnWriteArrayList<>();
  private final AtomicInteger messages = new AtomicInteger();

  private MqttCollector(MqttAsyncClient client) {
    this.client = client;
  }

  /** Connects and subscribes (QoS 1) to results and events of {@code agentId}; returns when granted. */
  static MqttCollector subscribe(String brokerUrl, String agentId) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "e2e-collector-" + System.nanoTime(),
        new MemoryPersistence());
    MqttCollector collector = new MqttCollector(client);
    client.setCallback(collector);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options).waitForCompletion(WAIT_MILLIS);
    MqttSubscription[] subs = {
        new MqttSubscription("inference/" + agentId + "/+", 1),
        new MqttSubscription("fleet/" + agentId + "/events", 1)};
    IMqttToken token = client.subscribe(subs, null, null, new MqttProperties());
    token.waitForCompletion(WAIT_MILLIS);
    for (int code : token.getReasonCodes()) {
      if (code > 2) {
        throw new IllegalStateException("collector subscription refused with reason code " + code);
      }
    }
    return collector;
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    messages.incrementAndGet();
    byte[] payload = message.getPayload();
    try {
      if (topic.startsWith("inference/")) {
        InferenceResult r = InferenceResult.parse(payload);
        results.computeIfAbsent(r.pipeline(), k -> new CopyOnWriteArrayList<>()).add(r);
      } else {
        events.add(AgentEvent.parse(payload));
      }
    } catch (IOException | RuntimeException e) {
      unparsable.add(topic + ": " + e.getMessage());
    }
  }

  /** A copy of the results of {@code pipeline}, in arrival order. */
  List<InferenceResult> results(String pipeline) {
    return new ArrayList<>(results.getOrDefault(pipeline, List.of()));
  }

  int resultCount(String pipeline) {
    return results.getOrDefault(pipeline, List.of()).size();
  }

  /** Events of {@code type} about {@code pipeline}, in arrival order. */
  List<AgentEvent> events(String type, String pipeline) {
    List<AgentEvent> out = new ArrayList<>();
    for (AgentEvent e : events) {
      if (e.type().equals(type) && pipeline.equals(e.pipeline())) {
        out.add(e);
      }
    }
    return out;
  }

  List<String> unparsable() {
    return List.copyOf(unparsable);
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
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(WAIT_MILLIS).waitForCompletion(WAIT_MILLIS);
      }
      client.close(true);
    } catch (MqttException e) {
      // Closing a test subscriber: nothing to recover.
    }
  }
}
