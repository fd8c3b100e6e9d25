package io.edgeladder.agent.transport;

/** A transport failure; the message names the broker and the reason. */
public final class TransportException extends RuntimeException {
  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }

  public TransportException(String message) {
    super(message);
  }
}
