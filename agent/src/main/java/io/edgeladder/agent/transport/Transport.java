package io.edgeladder.agent.transport;

import java.util.concurrent.CompletableFuture;

/**
 * The agent's MQTT v5 connection. Implementations: {@code transport.paho}.
 *
 * <p>Subscriptions are remembered and restored after every reconnect. Publishing while disconnected
 * fails the returned future (the result is counted as not delivered); it never blocks the caller.
 */
public interface Transport extends AutoCloseable {
  /**
   * Connects, then keeps reconnecting on loss.
   *
   * @return completes when the first connection is up (and the status {@code online} is published);
   *     completes exceptionally with {@link TransportException} if the broker cannot be reached or
   *     refuses the connection
   */
  CompletableFuture<Void> connect();

  /**
   * Subscribes {@code filter} at {@code qos}; messages go to {@code handler} on the receive thread.
   *
   * @return completes when the broker granted the subscription; exceptionally with
   *     {@link TransportException} when refused or not connected
   */
  CompletableFuture<Void> subscribe(String filter, int qos, MessageHandler handler);

  /**
   * Forgets {@code filter}: its handler gets no more messages and it is not restored after a reconnect;
   * while connected, the broker is told too (UNSUBSCRIBE).
   *
   * @return completes when the broker acknowledged, or at once when not connected; exceptionally with
   *     {@link TransportException} when the UNSUBSCRIBE could not be sent (the filter is forgotten anyway)
   */
  CompletableFuture<Void> unsubscribe(String filter);

  /**
   * Calls {@code listener} after every (re)connect, once the subscriptions are restored and the
   * {@code online} status is published. Runs on the transport's callback thread: hand work off, never block.
   */
  void onConnected(Runnable listener);

  /**
   * Publishes {@code length} bytes of {@code payload} from offset 0. The bytes are copied before this
   * returns, so the caller may reuse its buffer.
   *
   * @return completes when handed to the network (QoS 0) or acknowledged (QoS 1/2); exceptionally
   *     with {@link TransportException} when disconnected or the client's in-flight window is full
   */
  CompletableFuture<Void> publish(String topic, byte[] payload, int length, int qos, boolean retain);

  /**
   * Like {@link #publish(String, byte[], int, int, boolean)}, but a message the transport accepted and
   * then lost (the connection dropped before the broker acknowledged it) goes to {@code onLost} first:
   * when {@code onLost} takes it, the future completes normally, otherwise exceptionally as usual.
   * Refusals at once (not connected, window full) and broker refusals (a failure reason code) never reach
   * {@code onLost}: the first show in the returned future, the second are final. The default
   * implementation ignores {@code onLost}.
   *
   * @param onLost called at most once per loss, on the transport's callback thread; a shared instance
   *     keeps the publish path free of allocations
   */
  default CompletableFuture<Void> publish(
      String topic, byte[] payload, int length, int qos, boolean retain, UndeliveredHandler onLost) {
    return publish(topic, payload, length, qos, retain);
  }

  boolean isConnected();

  /** Publishes the {@code offline} status, disconnects and releases threads. */
  @Override
  void close();
}
