package io.edgeladder.agent.ingest;

/**
 * A rejected sensor payload. Thrown often under bad input, so it carries no stack trace.
 */
public final class DecodeException extends Exception {
  private final DecodeError kind;

  public DecodeException(DecodeError kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public DecodeError kind() {
    return kind;
  }
}
