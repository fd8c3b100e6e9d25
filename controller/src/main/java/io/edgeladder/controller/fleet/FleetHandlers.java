package io.edgeladder.controller.fleet;

import io.edgeladder.controller.store.StoreException;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.controller.store.fleet.HeartbeatOutcome;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.FleetTopic;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.ReportedState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Decodes and records one fleet message (on an ingest lane thread). Bad input is counted through
 * {@link Rejections}, never thrown; a database failure is counted as {@link RejectReason#STORE_FAILED}.
 */
final class FleetHandlers {
  private static final int MAX_EVENT_TYPES = 64;
  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9._-]{1,64}");

  private final Map<String, Counter> eventCounters = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Counter>> messageCounters = new ConcurrentHashMap<>();
  private final AgentRegistry agents;
  private final DesiredStateStore desired;
  private final Rejections rejections;
  private final List<FleetListener> listeners;
  private final MeterRegistry meters;
  private final Logger log;

  FleetHandlers(AgentRegistry agents, DesiredStateStore desired, Rejections rejections,
      List<FleetListener> listeners, MeterRegistry meters, Logger log) {
    this.agents = agents;
    this.desired = desired;
    this.rejections = rejections;
    this.listeners = listeners;
    this.meters = meters;
    this.log = log;
  }

  void handle(FleetTopic ft, String topic, byte[] payload) {
    try {
      switch (ft.kind()) {
        case BIRTH -> birth(ft.agent(), topic, payload);
        case STATUS -> status(ft.agent(), topic, payload);
        case HEARTBEAT -> heartbeat(ft.agent(), topic, payload);
        case REPORTED -> reported(ft.agent(), topic, payload);
        case EVENTS -> event(ft.agent(), topic, payload);
        case TELEMETRY -> telemetry(ft.agent(), topic, payload);
        default -> { } // not subscribed
      }
    } catch (ProtocolException | IllegalArgumentException e) {
      rejections.reject(ft.agent(), topic, RejectReason.MALFORMED, e.getMessage());
    } catch (StoreException e) {
      rejections.reject(ft.agent(), topic, RejectReason.STORE_FAILED, e.getMessage());
    } catch (RuntimeException e) {
      rejections.reject(ft.agent(), topic, RejectReason.STORE_FAILED, e.toString());
      log.error("recording {} failed", topic, e);
    }
  }

  private void birth(String agent, String topic, byte[] payload) throws ProtocolException {
    AgentBirth b = AgentBirth.parse(payload);
    if (spoofed(agent, b.agentId(), topic)) return;
    Registration r = FleetRecords.registration(b);
    BirthOutcome outcome = agents.register(r);
    accepted("birth", outcome.name());
    if (outcome == BirthOutcome.DUPLICATE) {
      rejections.reject(agent, topic, RejectReason.DUPLICATE_INCARNATION, "incarnation " + b.incarnation()
          + " took over while another was alive; recorded and flagged");
    }
    notify(l -> l.onBirth(r, outcome));
  }

  private void status(String agent, String topic, byte[] payload) {
    Optional<AgentStatus> status = StatusPayload.parse(payload);
    if (status.isEmpty()) {
      rejections.reject(agent, topic, RejectReason.MALFORMED, "status must be online or offline");
      return;
    }
    // "online" precedes every first birth (protocol order), so an unknown agent's status is not a rejection:
    // the birth sets it online anyway.
    boolean known = agents.setStatus(agent, status.get());
    accepted("status", known ? status.get().name() : "UNKNOWN_AGENT");
    if (known) notify(l -> l.onStatus(agent, status.get()));
  }

  private void heartbeat(String agent, String topic, byte[] payload) throws ProtocolException {
    Heartbeat h = Heartbeat.parse(payload);
    if (spoofed(agent, h.agentId(), topic)) return;
    HeartbeatOutcome outcome = agents.heartbeat(FleetRecords.heartbeat(h));
    switch (outcome) {
      case DUPLICATE -> rejections.reject(agent, topic, RejectReason.DUPLICATE_INCARNATION,
          "heartbeat of incarnation " + h.incarnation() + " while another is current");
      case UNKNOWN_AGENT -> rejections.reject(agent, topic, RejectReason.UNKNOWN_AGENT, "heartbeat before any birth");
      default -> {
        accepted("heartbeat", outcome.name());
        notify(l -> l.onHeartbeat(h));
      }
    }
  }

  /** Not stored: decoded and handed to the listeners (the console's live board). */
  private void telemetry(String agent, String topic, byte[] payload) {
    Telemetry t = Telemetry.parse(payload);
    if (spoofed(agent, t.agentId(), topic)) return;
    accepted("telemetry", "ACCEPTED");
    notify(l -> l.onTelemetry(t));
  }

  private void reported(String agent, String topic, byte[] payload) throws ProtocolException {
    ReportedState r = ReportedState.parse(payload);
    if (spoofed(agent, r.agentId(), topic)) return;
    boolean stored = desired.report(FleetRecords.reported(r, payload));
    accepted("reported", stored ? "STORED" : "STALE");
  }

  private void event(String agent, String topic, byte[] payload) {
    AgentEvent e;
    try {
      e = AgentEvent.parse(payload);
    } catch (IOException ex) {
      throw new IllegalArgumentException("invalid AgentEvent: " + ex.getMessage(), ex);
    }
    if (e.type() == null || e.type().isBlank()) throw new IllegalArgumentException("AgentEvent type is missing");
    if (spoofed(agent, e.agent(), topic)) return;
    eventCounter(e.type()).increment();
    notify(l -> l.onEvent(e));
  }

  /** One counter per event type; at most {@value #MAX_EVENT_TYPES} types, the rest count as {@code other}. */
  private Counter eventCounter(String type) {
    Counter c = eventCounters.get(type);
    if (c != null) return c;
    String tag = eventCounters.size() < MAX_EVENT_TYPES && EVENT_TYPE.matcher(type).matches() ? type : "other";
    c = Counter.builder("edgeladder.fleet.events").description("agent events received").tag("type", tag)
        .register(meters);
    if (!tag.equals("other")) eventCounters.putIfAbsent(type, c);
    return c;
  }

  private boolean spoofed(String topicAgent, String payloadAgent, String topic) {
    if (topicAgent.equals(payloadAgent)) return false;
    rejections.reject(topicAgent, topic, RejectReason.SPOOFED,
        "payload agentId " + payloadAgent + " differs from the topic's agent " + topicAgent);
    return true;
  }

  /** Counts a recorded message; counters are cached (kind and outcome come from small fixed sets). */
  private void accepted(String kind, String outcome) {
    Map<String, Counter> byOutcome = messageCounters.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
    Counter c = byOutcome.get(outcome);
    if (c == null) {
      c = byOutcome.computeIfAbsent(outcome, o -> Counter.builder("edgeladder.fleet.messages")
          .description("fleet messages recorded").tag("kind", kind).tag("outcome", o.toLowerCase(Locale.ROOT))
          .register(meters));
    }
    c.increment();
  }

  private void notify(Consumer<FleetListener> call) {
    for (FleetListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        log.error("fleet listener {} failed", l, e);
      }
    }
  }
}
