package io.edgeladder.agent.transport;

/** A transport failure; the message names the broker and the reason. */
public final class TransportException extends RuntimeException {
  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }

  public TransportException(String message) {
    super(message);
  }

  /**
   * For frequent, expected rejections (publishing while disconnected, a full in-flight window): an
   * instance without a stack trace that a transport may create once and reuse for every rejection.
   */
  public static TransportException rejection(String message) {
    return new TransportException(message, null, false);
  }

  private TransportException(String message, Throwable cause, boolean writableStackTrace) {
    super(message, cause, false, writableStackTrace);
  }
}
