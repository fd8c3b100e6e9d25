package io.edgeladder.agent.transport.paho;

import io.edgeladder.agent.transport.UndeliveredHandler;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The future of one publish, carrying its payload length for the byte counter and, when the caller
 * gave an {@link UndeliveredHandler}, the topic and message to hand over if the connection drops
 * before the PUBACK: Paho no longer holds the message when the token completes, and a separate
 * context object would cost an allocation per publish.
 */
final class PublishFuture extends CompletableFuture<Void> {
  final int length;
  /** For refusals (ACL) and for giving a failed in-flight message its topic back. */
  final String topic;
  final MqttMessage message;
  final UndeliveredHandler onLost;

  PublishFuture(int length, String topic, MqttMessage message, UndeliveredHandler onLost) {
    this.length = length;
    this.topic = topic;
    this.message = message;
    this.onLost = onLost;
  }
}
