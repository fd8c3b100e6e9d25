package io.edgeladder.controller.desired;

/**
 * A desired state that can be issued to no agent at all (an unknown release, a variant its ladder lacks,
 * an unknown agent). The REST layer answers 4xx with {@link #getMessage()}. Bad input: no stack trace.
 */
public final class DesiredStateRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Rejection reason;

  public DesiredStateRejectedException(Rejection reason, String message) {
    super(reason.tag() + ": " + message, null, false, false);
    this.reason = reason;
  }

  public Rejection reason() {
    return reason;
  }
}
