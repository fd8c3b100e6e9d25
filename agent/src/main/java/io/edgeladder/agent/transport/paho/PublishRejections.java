package io.edgeladder.agent.transport.paho;

import io.edgeladder.agent.transport.TransportException;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Turns Paho's publish refusals into failed futures and counts them by reason. The two expected
 * ones (not connected, in-flight window full) reuse one stack-trace-free exception each, so a
 * stream hitting them at 1000 msg/s allocates nothing but the failed future.
 */
final class PublishRejections {
  private final PahoTransportOptions options;
  private final TransportMetrics metrics;
  private final TransportException notConnected;
  private final TransportException inflightFull;

  PublishRejections(PahoTransportOptions options, TransportMetrics metrics) {
    this.options = options;
    this.metrics = metrics;
    String prefix = "cannot publish on " + options.brokerUrl() + " as " + options.clientId() + ": ";
    this.notConnected = TransportException.rejection(prefix + "not connected");
    this.inflightFull = TransportException.rejection(
        prefix + "in-flight window full (the broker's Receive Maximum)");
  }

  CompletableFuture<Void> notConnected() {
    metrics.failedDisconnected.increment();
    return CompletableFuture.failedFuture(notConnected);
  }

  void reject(CompletableFuture<Void> done, String topic, MqttException e) {
    switch (e.getReasonCode()) {
      case MqttClientException.REASON_CODE_MAX_INFLIGHT -> {
        metrics.failedInflightFull.increment();
        done.completeExceptionally(inflightFull);
      }
      case MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED,
          MqttClientException.REASON_CODE_CLIENT_DISCONNECTING,
          MqttClientException.REASON_CODE_CLIENT_CLOSED,
          MqttClientException.REASON_CODE_CONNECTION_LOST -> {
        metrics.failedDisconnected.increment();
        done.completeExceptionally(notConnected);
      }
      default -> {
        metrics.failedError.increment();
        done.completeExceptionally(new TransportException(
            "cannot publish to '" + topic + "' on " + options.brokerUrl() + ": " + reason(e), e));
      }
    }
  }

  /** The most specific message: Paho wraps e.g. "Connection refused" in "Unable to connect". */
  static String reason(Throwable error) {
    Throwable deepest = error;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    String message = deepest.getMessage();
    return message == null || message.isBlank() ? deepest.getClass().getSimpleName() : message;
  }
}
