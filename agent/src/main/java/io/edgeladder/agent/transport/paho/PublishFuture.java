package io.edgeladder.agent.transport.paho;

import java.util.concurrent.CompletableFuture;

/**
 * The future of one publish, carrying its payload length for the byte counter: Paho no longer
 * holds the message when the token completes, and a separate context object would cost an
 * allocation per publish.
 */
final class PublishFuture extends CompletableFuture<Void> {
  final int length;

  PublishFuture(int length) {
    this.length = length;
  }
}
