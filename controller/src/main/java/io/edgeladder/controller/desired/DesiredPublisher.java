package io.edgeladder.controller.desired;

import io.edgeladder.controller.mqtt.ControllerMqtt;
import io.edgeladder.controller.mqtt.MqttClientException;
import io.edgeladder.controller.mqtt.PublishWindow;
import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.PipelineDesired;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues versions through the store and publishes them retained on {@code fleet/{agent}/desired} (QoS 1),
 * {@value #WINDOW} at a time. A publish that fails leaves the version stored; {@link #republish} sends it
 * again. Thread-safe.
 */
final class DesiredPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(DesiredPublisher.class);
  static final int WINDOW = 8;
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

  private final ControllerMqtt mqtt;
  private final DesiredStateStore store;
  private final Clock clock;

  DesiredPublisher(ControllerMqtt mqtt, DesiredStateStore store, Clock clock) {
    this.mqtt = mqtt;
    this.store = store;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Issues the next version to each agent and publishes it; returns one entry per agent, in order. */
  List<DesiredOutcome.Issued> issue(List<String> agentIds, List<PipelineDesired> pipelines) {
    Instant at = now();
    List<DesiredRecord> records = new ArrayList<>();
    for (String id : agentIds) {
      records.add(store.issue(id, v -> render(id, v, at, pipelines)));
    }
    return publish(records);
  }

  /**
   * Issues the next version to one agent only if its desired version is still {@code expectedVersion},
   * and publishes it.
   *
   * @throws io.edgeladder.controller.store.ConcurrentUpdateException if it is not; nothing is issued
   */
  DesiredOutcome.Issued issueOver(String agentId, long expectedVersion, List<PipelineDesired> pipelines) {
    Instant at = now();
    return publish(List.of(store.issue(agentId, expectedVersion, v -> render(agentId, v, at, pipelines))))
        .get(0);
  }

  private static String render(String agentId, long version, Instant at, List<PipelineDesired> pipelines) {
    return new String(new DesiredState(agentId, version, at, pipelines).toJson(), StandardCharsets.UTF_8);
  }

  private List<DesiredOutcome.Issued> publish(List<DesiredRecord> records) {
    Set<String> published = send(records);
    return records.stream().map(r -> new DesiredOutcome.Issued(r.agentId(), r.version(),
        published.contains(r.agentId()))).toList();
  }

  int republish(List<AgentState> states) {
    List<DesiredRecord> records = states.stream().flatMap(s -> s.desired().stream()).toList();
    return send(records).size();
  }

  /** @return agent ids whose publish the broker acknowledged */
  private Set<String> send(List<DesiredRecord> records) {
    Set<String> acked = ConcurrentHashMap.newKeySet();
    PublishWindow window = new PublishWindow(mqtt, WINDOW, ACK_TIMEOUT);
    try {
      for (DesiredRecord r : records) {
        window.send(Topics.desired(r.agentId()), r.json().getBytes(StandardCharsets.UTF_8), 1, true, error -> {
          if (error == null) {
            acked.add(r.agentId());
          } else {
            LOG.warn("desired state {} of {} stored but not published: {}", r.version(), r.agentId(),
                error.getMessage());
          }
        });
      }
      window.drain();
    } catch (MqttClientException e) {
      LOG.warn("desired states stored but not all published: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Set.copyOf(acked);
  }
}
