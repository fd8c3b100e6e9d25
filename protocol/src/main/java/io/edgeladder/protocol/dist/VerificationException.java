package io.edgeladder.protocol.dist;

/**
 * A release or artifact that failed verification, with the typed {@link #reason()} callers count. Raised for
 * bad input from the network, so it skips the stack trace.
 */
public final class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Rejection reason;

  public VerificationException(Rejection reason, String message) {
    super(reason.tag() + ": " + message, null, false, false);
    this.reason = reason;
  }

  public Rejection reason() {
    return reason;
  }
}
