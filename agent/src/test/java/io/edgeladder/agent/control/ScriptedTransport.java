package io.edgeladder.agent.control;

import io.edgeladder.agent.transport.MessageHandler;
import io.edgeladder.agent.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process transport for control-path unit tests: records subscriptions, unsubscriptions and publishes,
 * and lets the test deliver a message to the handler subscribed to its topic (exact filters only).
 */
final class ScriptedTransport implements Transport {
  record Published(String topic, byte[] payload) {}

  final List<String> subscribed = new CopyOnWriteArrayList<>();
  final List<String> unsubscribed = new CopyOnWriteArrayList<>();
  final List<Published> published = new CopyOnWriteArrayList<>();
  private final Map<String, MessageHandler> handlers = new ConcurrentHashMap<>();

  /** Hands {@code payload} to the handler of {@code topic}, as the receive thread would; false if none. */
  boolean deliver(String topic, byte[] payload) {
    MessageHandler h = handlers.get(topic);
    if (h == null) return false;
    h.onMessage(topic, payload);
    return true;
  }

  long subscriptions(String topic) {
    return subscribed.stream().filter(topic::equals).count();
  }

  List<Published> published(String topic) {
    return published.stream().filter(p -> p.topic().equals(topic)).toList();
  }

  @Override
  public CompletableFuture<Void> connect() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler) {
    handlers.put(filter, handler);
    subscribed.add(filter);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String filter) {
    handlers.remove(filter);
    unsubscribed.add(filter);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void onConnected(Runnable listener) {}

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int length, int qos, boolean retain) {
    published.add(new Published(topic, java.util.Arrays.copyOf(payload, length)));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean isConnected() {
    return true;
  }

  @Override
  public void close() {}
}
