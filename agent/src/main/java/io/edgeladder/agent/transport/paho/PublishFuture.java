package io.edgeladder.agent.transport.paho;

import java.util.concurrent.CompletableFuture;

/**
 * The future of one publish, carrying its payload length for the byte counter and its topic for
 * refusals: Paho no longer
 * holds the message when the token completes, and a separate context object would cost an
 * allocation per publish.
 */
final class PublishFuture extends CompletableFuture<Void> {
  final int length;
  /** For the broker's refusals (ACL): the topic the broker would not take. */
  final String topic;

  PublishFuture(int length, String topic) {
    this.length = length;
    this.topic = topic;
  }
}
