package io.edgeladder.agent.transport.paho;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The transport's counters, registered once (tagged {@code client=<client id>}) so that counting on
 * the hot path is a plain increment.
 *
 * <ul>
 *   <li>{@code edge.transport.messages.in} / {@code .bytes.in}: messages (payload bytes) received
 *   <li>{@code edge.transport.messages.out} / {@code .bytes.out}: publishes completed (QoS 0: written;
 *       QoS 1/2: acknowledged)
 *   <li>{@code edge.transport.publish.failed{reason=disconnected|inflight_full|not_authorized|error}}:
 *       {@code not_authorized} is the broker's PUBACK reason 135 (0x87), e.g. a Mosquitto ACL denying
 *       the topic
 *   <li>{@code edge.transport.handler.errors}: exceptions thrown by message handlers
 *   <li>{@code edge.transport.connection.lost}: connections lost (each followed by reconnecting)
 *   <li>{@code edge.transport.publish.handed.over}: publishes lost with the connection and taken by the
 *       caller's undelivered-message handler (the spool)
 * </ul>
 */
final class TransportMetrics {
  static final String REASON_DISCONNECTED = "disconnected";
  static final String REASON_INFLIGHT_FULL = "inflight_full";
  static final String REASON_NOT_AUTHORIZED = "not_authorized";
  static final String REASON_ERROR = "error";

  final Counter messagesIn;
  final Counter bytesIn;
  final Counter messagesOut;
  final Counter bytesOut;
  final Counter failedDisconnected;
  final Counter failedInflightFull;
  final Counter failedNotAuthorized;
  final Counter failedError;
  final Counter handlerErrors;
  final Counter connectionLost;
  final Counter handedOver;

  TransportMetrics(MeterRegistry registry, String clientId) {
    messagesIn = counter(registry, "edge.transport.messages.in", clientId, "messages received");
    bytesIn = counter(registry, "edge.transport.bytes.in", clientId, "payload bytes received");
    messagesOut = counter(registry, "edge.transport.messages.out", clientId, "publishes completed");
    bytesOut = counter(registry, "edge.transport.bytes.out", clientId, "payload bytes published");
    failedDisconnected = failed(registry, clientId, REASON_DISCONNECTED);
    failedInflightFull = failed(registry, clientId, REASON_INFLIGHT_FULL);
    failedNotAuthorized = failed(registry, clientId, REASON_NOT_AUTHORIZED);
    failedError = failed(registry, clientId, REASON_ERROR);
    handlerErrors =
        counter(registry, "edge.transport.handler.errors", clientId, "message handler exceptions");
    connectionLost =
        counter(registry, "edge.transport.connection.lost", clientId, "broker connections lost");
    handedOver = counter(registry, "edge.transport.publish.handed.over", clientId,
        "publishes lost with the connection and handed to the spool");
  }

  private static Counter counter(MeterRegistry registry, String name, String clientId, String what) {
    return Counter.builder(name).description(what).tag("client", clientId).register(registry);
  }

  private static Counter failed(MeterRegistry registry, String clientId, String reason) {
    return Counter.builder("edge.transport.publish.failed")
        .description("publishes rejected or failed")
        .tag("client", clientId)
        .tag("reason", reason)
        .register(registry);
  }
}
