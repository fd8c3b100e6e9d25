package io.edgeladder.bench.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The reference: the same bytes, cut into the same chunks, published retained at QoS 1 with the same number in
 * flight, by a plain Paho client, to subscribers that only count bytes (no manifest, signature, hashing, disk or
 * assembly). Subscriber state is confined to each client's callback thread.
 */
final class RawReference {
  private RawReference() {}

  /** A subscriber done when it holds {@code expectedChunks} messages of {@code expectedBytes} in all. */
  static final class Subscriber implements AutoCloseable {
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private final long expectedBytes;
    private final int expectedChunks;
    private long bytes;
    private int chunks;
    private Mqtt5 mqtt;

    Subscriber(long expectedBytes, int expectedChunks) {
      this.expectedBytes = expectedBytes;
      this.expectedChunks = expectedChunks;
    }

    Subscriber start(String url, String id, String filter) throws MqttException {
      mqtt = Mqtt5.connect(url, id, (t, p) -> {
        if (p.length == 0) return;
        bytes += p.length;
        if (++chunks == expectedChunks && bytes == expectedBytes) done.complete(System.nanoTime());
      });
      mqtt.subscribe(filter, 1);
      return this;
    }

    CompletableFuture<Long> done() {
      return done;
    }

    @Override
    public void close() {
      if (mqtt != null) mqtt.close();
    }
  }

  /** Publishes {@code chunks} on {@code prefix/{i}}, at most {@code window} unacknowledged; returns after the last ack. */
  static void publish(Mqtt5 client, String prefix, List<byte[]> chunks, int window, boolean retained)
      throws MqttException, InterruptedException {
    Semaphore slots = new Semaphore(window);
    List<Throwable> errors = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      if (!slots.tryAcquire(Mqtt5.TIMEOUT_MS, TimeUnit.MILLISECONDS)) throw new IllegalStateException("no ack in time");
      client.publish(prefix + "/" + i, chunks.get(i), 1, retained, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          slots.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          synchronized (errors) {
            errors.add(e);
          }
          slots.release();
        }
      });
    }
    if (!slots.tryAcquire(window, Mqtt5.TIMEOUT_MS, TimeUnit.MILLISECONDS)) throw new IllegalStateException("no ack in time");
    synchronized (errors) {
      if (!errors.isEmpty()) throw new IllegalStateException("raw publish failed: " + errors.get(0), errors.get(0));
    }
  }
}
