package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.transport.MessageHandler;
import io.edgeladder.agent.transport.Transport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An in-process transport for pipeline unit tests: keeps what is published; the broker path is the ITs' job. */
final class RecordingTransport implements Transport {
  record Published(String topic, byte[] payload) {}

  final List<Published> published = new ArrayList<>();

  @Override
  public CompletableFuture<Void> connect() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> publish(String topic, byte[] payload, int length, int qos,
      boolean retain) {
    published.add(new Published(topic, Arrays.copyOf(payload, length)));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean isConnected() {
    return true;
  }

  @Override
  public void close() {}
}
