package io.edgeladder.controller.mqtt;

/**
 * Receives the messages of one subscription.
 *
 * <p><b>Threads:</b> called on Paho's callback thread, one message at a time, in arrival order. It must
 * return quickly: decode if cheap, then hand database or file work to an executor. A throwing handler is
 * counted and logged; the client keeps running.
 */
@FunctionalInterface
public interface MessageHandler {
  /**
   * @param topic the topic the message was published on (not the filter)
   * @param payload the message bytes, owned by the handler
   * @param retained whether the broker delivered it from its retained store
   */
  void onMessage(String topic, byte[] payload, boolean retained);
}
