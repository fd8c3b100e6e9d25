package io.edgeladder.controller.mqtt;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Publishes with at most {@code size} messages awaiting the broker's acknowledgement, and never more than the
 * client's shared window ({@link MqttSettings#maxInFlight()} - 2, across all windows): the sending thread
 * waits for a free slot. Paho fails a publish beyond the broker's Receive Maximum (HiveMQ's default is 10),
 * and a release of many chunks should not sit in memory all at once.
 *
 * <p><b>Threads:</b> one thread calls {@link #send} and {@link #drain}; {@code onDone} callbacks run on the
 * MQTT callback thread.
 */
public final class PublishWindow {
  private final ControllerMqtt mqtt;
  private final int size;
  private final long timeoutMs;
  private final Semaphore slots;

  /**
   * @param size messages in flight at once, at least 1
   * @param ackTimeout how long {@link #send} and {@link #drain} wait for acknowledgements
   */
  public PublishWindow(ControllerMqtt mqtt, int size, Duration ackTimeout) {
    if (size < 1) throw new IllegalArgumentException("publish window must be >= 1 but was " + size);
    this.mqtt = mqtt;
    this.size = size;
    this.timeoutMs = ackTimeout.toMillis();
    this.slots = new Semaphore(size);
  }

  /**
   * Publishes once a slot is free.
   *
   * @param onDone runs with {@code null} on acknowledgement or the failure, on the callback thread
   * @throws MqttClientException when no slot freed within the timeout (the broker stopped acknowledging)
   */
  public void send(String topic, byte[] payload, int qos, boolean retain, Consumer<Throwable> onDone)
      throws InterruptedException {
    if (!slots.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS)) {
      throw new MqttClientException(mqtt.describe() + ": none of " + size + " publishes in flight was acknowledged"
          + " within " + timeoutMs + " ms (before " + topic + ")");
    }
    Semaphore shared = mqtt.windowSlots();
    if (!shared.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS)) {
      slots.release();
      throw new MqttClientException(mqtt.describe() + ": the client's publish window stayed full for " + timeoutMs
          + " ms (before " + topic + ")");
    }
    mqtt.publish(topic, payload, qos, retain).whenComplete((ok, error) -> {
      try {
        onDone.accept(error);
      } finally {
        shared.release();
        slots.release();
      }
    });
  }

  /**
   * Waits until every publish sent is acknowledged or failed.
   *
   * @throws MqttClientException when some are still pending after the timeout
   */
  public void drain() throws InterruptedException {
    if (!slots.tryAcquire(size, timeoutMs, TimeUnit.MILLISECONDS)) {
      throw new MqttClientException(mqtt.describe() + ": " + (size - slots.availablePermits())
          + " publishes not acknowledged within " + timeoutMs + " ms");
    }
    slots.release(size);
  }
}
