package io.edgeladder.controller.fleet;

import io.edgeladder.controller.mqtt.ControllerMqtt;
import io.edgeladder.controller.store.StoreException;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.protocol.FleetTopic;
import io.edgeladder.protocol.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what agents announce: subscribes to {@code fleet/+/birth}, {@code status}, {@code heartbeat},
 * {@code reported}, {@code events} and {@code telemetry}, decodes each message with the protocol records, and
 * writes it to the {@link AgentRegistry} / {@link DesiredStateStore} (telemetry only goes to the listeners).
 * Every rejection is counted by reason in {@code edgeladder.fleet.rejected{reason}} (see {@link RejectReason})
 * and logged once per agent per minute.
 *
 * <p>Births are subscribed before statuses, so when retained messages are replayed after a (re)connect an
 * agent's retained {@code offline} lands after its retained birth.
 *
 * <p><b>Threads:</b> Paho's thread only parses the topic and queues the payload on the agent's
 * {@link IngestLanes lane}; decoding, database writes and {@link FleetListener}s run on the lanes.
 */
public final class FleetIngest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetIngest.class);
  private static final FleetTopic.Kind[] KINDS = {FleetTopic.Kind.BIRTH, FleetTopic.Kind.STATUS,
      FleetTopic.Kind.HEARTBEAT, FleetTopic.Kind.REPORTED, FleetTopic.Kind.EVENTS, FleetTopic.Kind.TELEMETRY};

  private final ControllerMqtt mqtt;
  private final AgentRegistry agents;
  private final Clock clock;
  private final IngestLanes lanes;
  private final Rejections rejections;
  private final FleetHandlers handlers;
  private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param lanes worker threads (agents are spread over them; one agent always on the same one)
   * @param queueCapacity messages waiting per lane before heartbeats and events are dropped
   */
  public FleetIngest(ControllerMqtt mqtt, AgentRegistry agents, DesiredStateStore desired, MeterRegistry meters,
      Clock clock, int lanes, int queueCapacity) {
    this.mqtt = mqtt;
    this.agents = agents;
    this.clock = clock;
    this.lanes = new IngestLanes(lanes, queueCapacity);
    this.rejections = new Rejections(meters, clock, LOG);
    this.handlers = new FleetHandlers(agents, desired, rejections, listeners, meters, LOG);
    Gauge.builder("edgeladder.fleet.ingest.queued", this.lanes, IngestLanes::queued)
        .description("fleet messages waiting for a lane").register(meters);
  }

  /** Listeners are told about births and events after they are recorded. */
  public void addListener(FleetListener listener) {
    listeners.add(listener);
  }

  /**
   * Subscribes (the client must be connected; it restores the subscriptions after reconnects).
   *
   * @return completes when every SUBACK arrived; fails if a subscription was refused
   */
  public CompletableFuture<Void> start() {
    CompletableFuture<?>[] subs = new CompletableFuture<?>[KINDS.length];
    for (int i = 0; i < KINDS.length; i++) {
      subs[i] = mqtt.subscribe(Topics.all(KINDS[i]), 1, this::onMessage);
    }
    return CompletableFuture.allOf(subs);
  }

  /**
   * Marks offline every online agent not heard from within {@code offlineAfter} (its will never arrived:
   * the broker itself died or the connection is half-open). Called periodically by the application.
   *
   * @return the agents marked offline
   */
  public List<String> sweepSilent(Duration offlineAfter) {
    try {
      List<String> marked = agents.markSilentOffline(clock.instant().minus(offlineAfter));
      if (!marked.isEmpty()) LOG.info("no birth or heartbeat within {}: marked offline {}", offlineAfter, marked);
      return marked;
    } catch (StoreException e) {
      LOG.error("silent-agent sweep failed: {}", e.getMessage());
      return List.of();
    }
  }

  /** Rejections so far with this reason (the meter's value). */
  public long rejected(RejectReason reason) {
    return rejections.count(reason);
  }

  /** Paho thread: route to the agent's lane. */
  private void onMessage(String topic, byte[] payload, boolean retained) {
    FleetTopic ft = FleetTopic.parse(topic).orElse(null);
    if (ft == null) {
      rejections.reject("?", topic, RejectReason.BAD_TOPIC, "not fleet/{agent}/{kind} with a valid agent id");
      return;
    }
    if (payload.length == 0) return; // a cleared retained message, nothing to record
    Runnable task = () -> handlers.handle(ft, topic, payload);
    boolean queued;
    if (ft.kind() == FleetTopic.Kind.HEARTBEAT || ft.kind() == FleetTopic.Kind.EVENTS
        || ft.kind() == FleetTopic.Kind.TELEMETRY) {
      queued = lanes.offer(ft.agent(), task);
    } else {
      queued = lanes.put(ft.agent(), task);
    }
    if (!queued) {
      rejections.reject(ft.agent(), topic, RejectReason.OVERLOADED, "ingest queue full or closed; dropped");
    }
  }

  /** Stops the lanes after the queued messages are recorded (up to 5 s); the MQTT client is not closed. */
  @Override
  public void close() {
    lanes.close();
  }
}
