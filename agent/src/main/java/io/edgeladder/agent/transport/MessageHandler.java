package io.edgeladder.agent.transport;

/**
 * Receives messages for a subscription. Called on the transport's receive thread: decode, enqueue and
 * return; never block, never throw (an exception is caught, logged and counted by the transport).
 */
@FunctionalInterface
public interface MessageHandler {
  void onMessage(String topic, byte[] payload);
}
