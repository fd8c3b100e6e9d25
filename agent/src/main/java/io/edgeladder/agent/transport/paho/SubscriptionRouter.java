package io.edgeladder.agent.transport.paho;

import io.edgeladder.agent.transport.MessageHandler;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers subscriptions and routes each arriving message to the handlers whose filter matches.
 *
 * <p>Every arrival goes to every matching handler once. Overlapping filters are allowed, but a broker
 * may then send one copy per matching subscription (MQTT 5, 3.3.4), which this router cannot tell
 * apart: avoid overlapping filters on one transport. Subscribing a filter again replaces its handler.
 *
 * <p>Threads: {@link #route} runs on Paho's callback thread; {@link #put}/{@link #remove} on any
 * thread. The routing table is an immutable snapshot behind a volatile field, replaced (under
 * {@code this}) on every change together with a fresh topic cache, so a lookup never sees a cache
 * entry computed from another snapshot. In steady state a route is one hash lookup of the topic and
 * a loop over an array: no allocation.
 */
final class SubscriptionRouter {
  /** Distinct topics cached per snapshot; beyond that (e.g. one topic per device id) we match anew. */
  static final int MAX_CACHED_TOPICS = 4096;
  private static final MessageHandler[] NONE = new MessageHandler[0];

  private final Counter handlerErrors;
  private final RateLimitedLog errorLog;
  private volatile Snapshot snapshot = new Snapshot(List.of());

  SubscriptionRouter(Counter handlerErrors, RateLimitedLog errorLog) {
    this.handlerErrors = handlerErrors;
    this.errorLog = errorLog;
  }

  /** A remembered subscription. */
  record Subscription(TopicFilter filter, int qos, MessageHandler handler) {}

  synchronized void put(TopicFilter filter, int qos, MessageHandler handler) {
    List<Subscription> next = new ArrayList<>(snapshot.subscriptions.size() + 1);
    for (Subscription existing : snapshot.subscriptions) {
      if (!existing.filter().filter().equals(filter.filter())) {
        next.add(existing);
      }
    }
    next.add(new Subscription(filter, qos, handler));
    snapshot = new Snapshot(List.copyOf(next));
  }

  /** Forgets {@code filter} if it is still bound to {@code handler} (a refused subscription). */
  synchronized void remove(String filter, MessageHandler handler) {
    List<Subscription> next = new ArrayList<>(snapshot.subscriptions);
    if (next.removeIf(s -> s.filter().filter().equals(filter) && s.handler() == handler)) {
      snapshot = new Snapshot(List.copyOf(next));
    }
  }

  /** Forgets {@code filter} whatever its handler (an unsubscribe); false when it was not subscribed. */
  synchronized boolean remove(String filter) {
    List<Subscription> next = new ArrayList<>(snapshot.subscriptions);
    if (!next.removeIf(s -> s.filter().filter().equals(filter))) return false;
    snapshot = new Snapshot(List.copyOf(next));
    return true;
  }

  boolean has(String filter) {
    for (Subscription s : snapshot.subscriptions) {
      if (s.filter().filter().equals(filter)) return true;
    }
    return false;
  }

  List<Subscription> subscriptions() {
    return snapshot.subscriptions;
  }

  /**
   * Calls every matching handler. Never throws: a handler's exception is counted and logged (rate
   * limited), and the remaining handlers still run.
   *
   * @return how many handlers matched
   */
  int route(String topic, byte[] payload) {
    MessageHandler[] handlers = snapshot.handlersFor(topic);
    for (MessageHandler handler : handlers) {
      try {
        handler.onMessage(topic, payload);
      } catch (Throwable e) { // NOPMD: an exception escaping to Paho would kill its client
        handlerErrors.increment();
        errorLog.warn("message handler failed on topic '" + topic + "'", e);
      }
    }
    return handlers.length;
  }

  private static final class Snapshot {
    final List<Subscription> subscriptions;
    final Map<String, MessageHandler[]> byTopic = new ConcurrentHashMap<>();

    Snapshot(List<Subscription> subscriptions) {
      this.subscriptions = subscriptions;
    }

    MessageHandler[] handlersFor(String topic) {
      MessageHandler[] cached = byTopic.get(topic);
      if (cached != null) {
        return cached;
      }
      List<MessageHandler> matching = new ArrayList<>(2);
      for (Subscription subscription : subscriptions) {
        if (subscription.filter().matches(topic)) {
          matching.add(subscription.handler());
        }
      }
      MessageHandler[] handlers = matching.isEmpty() ? NONE : matching.toArray(NONE);
      if (byTopic.size() < MAX_CACHED_TOPICS) {
        byTopic.put(topic, handlers);
      }
      return handlers;
    }
  }
}
