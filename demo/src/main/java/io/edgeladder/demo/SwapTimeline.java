package io.edgeladder.demo;

import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.net.TcpNoDelaySocketFactory;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Subscribes to {@code fleet/{agent}/events} and turns switch decisions and swap outcomes into timeline
 * lines: {@code 12:00:03  pump-1  base → qat  policy: step down: ...}. Lines queue on Paho's thread and
 * the view drains them once a second.
 */
final class SwapTimeline extends SubscriberCallback implements AutoCloseable {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final MqttClient client;
  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

  SwapTimeline(String brokerUrl, String agentId) throws MqttException {
    client = new MqttClient(brokerUrl, "edgeladder-demo-timeline", new MemoryPersistence());
    client.setCallback(this);
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(TcpNoDelaySocketFactory.ofDefault());
    o.setAutomaticReconnect(true);
    client.connect(o);
    client.subscribe("fleet/" + agentId + "/events", 1);
  }

  /** The timeline line for an event, or null when the event is not about switching. */
  static String line(AgentEvent e) {
    Map<String, Object> d = e.details() == null ? Map.of() : e.details();
    String time = TIME.format(Instant.ofEpochMilli(e.time()));
    String what = switch (e.type()) {
      case "policy.decision" -> "SWITCH".equals(d.get("action"))
          ? d.get("current") + " → " + d.get("target") + "  policy: " + d.get("reason") : null;
      case "swap.completed" -> e.message();
      case "swap.failed" -> "swap failed: " + e.message();
      case "swap.rollback" -> "rollback: " + e.message();
      default -> null;
    };
    return what == null ? null : String.format("%s  %-7s %s", time, e.pipeline(), what);
  }

  /** Lines that arrived since the last call, oldest first. */
  List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String s; (s = lines.poll()) != null; ) out.add(s);
    return out;
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    try {
      String l = line(AgentEvent.parse(message.getPayload()));
      if (l != null) lines.add(l);
    } catch (IOException | RuntimeException e) {
      // another publisher's garbage on the events topic: not a timeline entry
    }
  }

  @Override
  public void close() {
    try {
      client.disconnect();
      client.close();
    } catch (MqttException e) {
      // closing the view: nothing left to do
    }
  }
}
