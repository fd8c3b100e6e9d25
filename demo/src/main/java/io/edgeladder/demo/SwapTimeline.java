package io.edgeladder.demo;

import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.net.TcpNoDelaySocketFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Subscribes to {@code fleet/{agent}/events} (every agent's, {@code fleet/+/events}, in the fleet demo) and
 * keeps the events the timeline shows: switch decisions, swap outcomes and profile refreshes, and in the fleet
 * demo also the release path (verified, installed, rejected, desired state applied). They queue on Paho's thread; the demo's loop drains them once a
 * second and formats each with {@link #line} (elapsed time, pipeline, what changed, the device state and
 * the pipeline's misses at that moment, and the reason). Every kept event also stays in {@link #events()}.
 */
final class SwapTimeline extends SubscriberCallback implements AutoCloseable {
  private final MqttClient client;
  private final ConcurrentLinkedQueue<AgentEvent> pending = new ConcurrentLinkedQueue<>();
  private final List<AgentEvent> all = new CopyOnWriteArrayList<>();
  private final boolean fleet;

  SwapTimeline(String brokerUrl, String agentId) throws MqttException {
    this(brokerUrl, agentId, false);
  }

  /** The fleet demo's timeline: every agent's events, release path included. */
  static SwapTimeline ofFleet(String brokerUrl) throws MqttException {
    return new SwapTimeline(brokerUrl, "+", true);
  }

  private SwapTimeline(String brokerUrl, String agentId, boolean fleet) throws MqttException {
    this.fleet = fleet;
    client = new MqttClient(brokerUrl, "edgeladder-demo-timeline-" + System.nanoTime(), new MemoryPersistence());
    client.setCallback(this);
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(TcpNoDelaySocketFactory.ofDefault());
    o.setAutomaticReconnect(true);
    client.connect(o);
    client.subscribe("fleet/" + agentId + "/events", 1);
  }

  /** Whether the timeline shows {@code e}: a SWITCH decision, a swap outcome or a profile refresh. */
  static boolean shown(AgentEvent e) {
    return switch (e.type()) {
      case "policy.decision" -> "SWITCH".equals(e.details().get("action"));
      case "swap.completed", "swap.failed", "swap.rollback", "profile.refreshed" -> true;
      default -> false;
    };
  }

  /** Whether the fleet timeline shows {@code e}: what {@link #shown} shows plus the release path. */
  static boolean shownInFleet(AgentEvent e) {
    return switch (e.type()) {
      case "release.verified", "release.installed", "release.rejected", "install.failed", "desired.applied" -> true;
      default -> shown(e);
    };
  }

  /** {@code +23.4s  gw-b   pump-b   fp32 → qat ...}: {@link #line} with the agent in front. */
  static String fleetLine(AgentEvent e, long startMillis, String context) {
    if (shown(e)) return format(e, startMillis, context, String.format(Locale.ROOT, "%-5s ", e.agent()));
    String what = switch (e.type()) {
      case "release.verified" -> "release ok";
      case "release.installed" -> "installed";
      case "release.rejected" -> "REJECTED";
      case "install.failed" -> "install failed";
      default -> "desired";
    };
    return String.format(Locale.ROOT, "%+7.1fs  %-5s %-8s %-14s %s", (e.time() - startMillis) / 1000.0, e.agent(),
        e.pipeline() == null ? "-" : e.pipeline(), what, e.message());
  }

  /**
   * {@code +23.4s  pump-1   fp32 → qat     battery 12% discharging | misses 0 | step down: ...}.
   *
   * @param startMillis wall-clock millis the demo started (elapsed time is counted from it)
   * @param context the device and pipeline state to show, e.g. {@code battery 12% discharging | misses 0}
   */
  static String line(AgentEvent e, long startMillis, String context) {
    return format(e, startMillis, context, "");
  }

  private static String format(AgentEvent e, long startMillis, String context, String agentColumn) {
    Map<String, Object> d = e.details();
    String what;
    String why;
    switch (e.type()) {
      case "policy.decision" -> {
        what = d.get("current") + " → " + d.get("target");
        why = "policy: " + d.get("reason");
      }
      case "swap.completed" -> {
        what = "now " + d.getOrDefault("to", "");
        why = e.message();
      }
      case "swap.failed" -> {
        what = "swap failed";
        why = e.message();
      }
      case "swap.rollback" -> {
        what = "rollback";
        why = e.message();
      }
      default -> {
        what = "profile " + d.get("variant");
        why = e.message();
      }
    }
    return String.format(Locale.ROOT, "%+7.1fs  %s%-8s %-14s %s | %s", (e.time() - startMillis) / 1000.0,
        agentColumn, e.pipeline(), what, context, why);
  }

  /** Events that arrived since the last call, oldest first. */
  List<AgentEvent> drain() {
    List<AgentEvent> out = new ArrayList<>();
    for (AgentEvent e; (e = pending.poll()) != null; ) out.add(e);
    return out;
  }

  /** Every event shown so far, in arrival order. */
  List<AgentEvent> events() {
    return List.copyOf(all);
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    try {
      AgentEvent e = AgentEvent.parse(message.getPayload());
      if (fleet ? shownInFleet(e) : shown(e)) {
        all.add(e);
        pending.add(e);
      }
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
