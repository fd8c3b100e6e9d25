package io.edgeladder.agent.transport;

/** A transport failure; the message names the broker and the reason. */
public final class TransportException extends RuntimeException {
  /** {@link #reasonCode()} of a failure that is not a broker's refusal. */
  public static final int NO_REASON_CODE = -1;

  private final int reasonCode;

  public TransportException(String message, Throwable cause) {
    super(message, cause);
    this.reasonCode = NO_REASON_CODE;
  }

  public TransportException(String message) {
    super(message);
    this.reasonCode = NO_REASON_CODE;
  }

  /**
   * The broker answered with a failure reason code (0x80 or above, e.g. 0x87 not authorized in a
   * PUBACK): sending the same message again would be refused again.
   */
  public static TransportException refused(String message, int reasonCode) {
    return new TransportException(message, reasonCode);
  }

  /** The broker's failure reason code, or {@link #NO_REASON_CODE} (network, state, client errors). */
  public int reasonCode() {
    return reasonCode;
  }

  /** Whether the broker refused the operation itself (resending cannot help). */
  public boolean isRefusedByBroker() {
    return reasonCode != NO_REASON_CODE;
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
    this.reasonCode = NO_REASON_CODE;
  }

  private TransportException(String message, int reasonCode) {
    super(message);
    this.reasonCode = reasonCode;
  }
}
