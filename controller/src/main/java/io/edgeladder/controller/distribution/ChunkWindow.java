package io.edgeladder.controller.distribution;

import io.edgeladder.controller.mqtt.ControllerMqtt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes retained QoS 1 messages with at most {@code size} awaiting the broker's acknowledgement: the
 * caller's thread waits for a free slot, so a large release neither floods the client's in-flight window
 * (Paho fails a publish beyond the broker's Receive Maximum) nor holds every chunk in memory at once.
 *
 * <p><b>Threads:</b> one publishing thread calls {@link #send} and {@link #drain}; completions arrive on the
 * MQTT callback thread.
 */
final class ChunkWindow {
  private final ControllerMqtt mqtt;
  private final int size;
  private final long timeoutMs;
  private final Semaphore slots;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  ChunkWindow(ControllerMqtt mqtt, int size, long timeoutMs) {
    this.mqtt = mqtt;
    this.size = size;
    this.timeoutMs = timeoutMs;
    this.slots = new Semaphore(size);
  }

  /**
   * Sends one message once a slot is free.
   *
   * @param onAck runs on acknowledgement (callback thread)
   * @throws DistributionException when an earlier message failed, or no slot freed within the timeout
   */
  void send(String topic, byte[] payload, Runnable onAck) throws DistributionException, InterruptedException {
    checkFailure();
    if (!slots.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS)) {
      throw new DistributionException("broker acknowledged none of " + size + " messages in flight within "
          + timeoutMs + " ms (before " + topic + ")");
    }
    mqtt.publish(topic, payload, 1, true).whenComplete((ok, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      } else {
        onAck.run();
      }
      slots.release();
    });
  }

  /** Waits until every message sent is acknowledged. @throws DistributionException if one failed */
  void drain() throws DistributionException, InterruptedException {
    if (!slots.tryAcquire(size, timeoutMs, TimeUnit.MILLISECONDS)) {
      throw new DistributionException("broker did not acknowledge " + (size - slots.availablePermits())
          + " messages within " + timeoutMs + " ms");
    }
    slots.release(size);
    checkFailure();
  }

  private void checkFailure() throws DistributionException {
    Throwable t = failure.get();
    if (t != null) throw new DistributionException("publishing failed: " + t.getMessage(), t);
  }
}
