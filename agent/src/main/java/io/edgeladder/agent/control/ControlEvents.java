package io.edgeladder.agent.control;

import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.Topics;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control path's events on {@code fleet/{agent}/events} and its counters. Every failure is logged,
 * counted and published with its reason: {@code release.rejected} ({@code edge.control.releases.rejected{reason}}),
 * {@code chunk.rejected} ({@code edge.control.chunks.rejected{reason}}), {@code install.failed}
 * ({@code edge.control.installs.failed}), {@code desired.ignored} ({@code edge.control.desired{outcome}}).
 * Progress events: {@code release.verified}, {@code artifact.installed}, {@code release.installed},
 * {@code desired.applied}.
 *
 * <p>Threads: any; publishing never blocks (QoS 1, failures logged at debug: an event lost while offline is
 * still counted).
 */
final class ControlEvents {
  private static final Logger log = LoggerFactory.getLogger(ControlEvents.class);

  private final String agentId;
  private final String topic;
  private final Transport transport;
  private final MeterRegistry registry;
  private final Clock clock;
  final Counter chunksAccepted;
  final Counter installsFailed;
  final Counter heartbeatFailures;
  final Counter evictions;

  ControlEvents(String agentId, Transport transport, MeterRegistry registry, Clock clock) {
    this.agentId = agentId;
    this.topic = Topics.events(agentId);
    this.transport = transport;
    this.registry = registry;
    this.clock = clock;
    this.chunksAccepted = registry.counter("edge.control.chunks.accepted");
    this.installsFailed = registry.counter("edge.control.installs.failed");
    this.heartbeatFailures = registry.counter("edge.control.heartbeat.failures");
    this.evictions = registry.counter("edge.control.cache.evictions");
  }

  void releaseRejected(String releaseSha, String reason, String message) {
    log.warn("release {} rejected ({}): {}", releaseSha, reason, message);
    registry.counter("edge.control.releases.rejected", "reason", reason).increment();
    publish("release.rejected", null, message, Map.of("releaseSha", releaseSha, "reason", reason));
  }

  void chunkRejected(String artifactSha, int index, String reason, String message) {
    log.warn("artifact {} chunk {} rejected ({}): {}", artifactSha, index, reason, message);
    registry.counter("edge.control.chunks.rejected", "reason", reason).increment();
    publish("chunk.rejected", null, message, Map.of("sha256", artifactSha, "index", index, "reason", reason));
  }

  void installFailed(String pipeline, String releaseSha, String message) {
    log.warn("install of release {} for pipeline {} failed: {}", releaseSha, pipeline, message);
    installsFailed.increment();
    Map<String, Object> d = new LinkedHashMap<>();
    if (releaseSha != null) d.put("releaseSha", releaseSha);
    d.put("reason", message);
    publish("install.failed", pipeline, message, d);
  }

  /** A desired state not acted on: {@code outcome} is {@code stale}, {@code foreign} or {@code invalid}. */
  void desiredIgnored(String outcome, long version, String message) {
    if (outcome.equals("stale")) {
      log.debug("desired state ignored: {}", message);
    } else {
      log.warn("desired state ignored ({}): {}", outcome, message);
      publish("desired.ignored", null, message, Map.of("outcome", outcome, "version", version));
    }
    desired(outcome);
  }

  void desired(String outcome) {
    registry.counter("edge.control.desired", "outcome", outcome).increment();
  }

  /** An informational event (progress); not counted beyond the log. */
  void info(String type, String pipeline, String message, Map<String, Object> details) {
    log.info("{}{}", pipeline == null ? "" : "pipeline " + pipeline + ": ", message);
    publish(type, pipeline, message, details);
  }

  private void publish(String type, String pipeline, String message, Map<String, Object> details) {
    try {
      byte[] json = new AgentEvent(agentId, type, clock.wallTime(), pipeline, message, details).toJson();
      transport.publish(topic, json, json.length, 1, false).exceptionally(t -> {
        log.debug("event {} not delivered: {}", type, t.toString());
        return null;
      });
    } catch (RuntimeException e) {
      log.warn("event {} could not be published", type, e);
    }
  }
}
