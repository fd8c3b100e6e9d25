package io.edgeladder.agent.transport;

/**
 * Takes a message a {@link Transport} accepted but could not deliver (see
 * {@link Transport#publish(String, byte[], int, int, boolean, UndeliveredHandler)}). Called on the
 * transport's callback thread: store and return, never block on the network.
 */
@FunctionalInterface
public interface UndeliveredHandler {
  /**
   * @param payload the message's own copy of the payload (the handler may keep it)
   * @return whether the message was taken (for example written to a spool); {@code false} lets the
   *     publish fail
   */
  boolean undelivered(String topic, byte[] payload, int qos, boolean retain);
}
