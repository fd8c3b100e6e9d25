package io.edgeladder.agent.testing;

import io.edgeladder.agent.transport.MessageHandler;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.agent.transport.TransportException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An in-process transport for unit tests: keeps what is published and can be made to fail. The broker
 * path itself is covered by the transport contract kit and the end-to-end ITs.
 */
public final class RecordingTransport implements Transport {
  public record Published(String topic, byte[] payload) {}

  public final List<Published> published = new ArrayList<>();
  /** When set, publishes fail with it and {@link #isConnected()} is false. */
  public TransportException failWith;
  /** When set, publish throws (a transport bug) instead of failing its future. */
  public boolean throwOnPublish;

  @Override
  public CompletableFuture<Void> connect() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String filter) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void onConnected(Runnable listener) {}

  @Override
  public synchronized CompletableFuture<Void> publish(String topic, byte[] payload, int length, int qos,
      boolean retain) {
    if (throwOnPublish) {
      throw new IllegalStateException("transport bug");
    }
    if (failWith != null) {
      return CompletableFuture.failedFuture(failWith);
    }
    published.add(new Published(topic, Arrays.copyOf(payload, length)));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean isConnected() {
    return failWith == null;
  }

  @Override
  public void close() {}
}
