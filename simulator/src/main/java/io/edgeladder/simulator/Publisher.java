package io.edgeladder.simulator;

/**
 * Where the simulator sends encoded messages; the MQTT adapter is
 * {@link io.edgeladder.simulator.paho.PahoPublisher}. Called from the simulator's single publishing
 * thread only.
 */
public interface Publisher extends AutoCloseable {

  /**
   * Hands one message to the transport. May block briefly for back-pressure (too many messages not yet
   * written); never retains {@code payload} after returning.
   *
   * @param payload bytes {@code [0, length)} are the message
   * @return {@code true} if handed over, {@code false} if dropped (e.g. disconnected); never throws for
   *     transport trouble
   */
  boolean publish(String topic, byte[] payload, int length);

  /** Flushes what is in flight (bounded wait), disconnects and releases the transport. */
  @Override
  void close();
}
