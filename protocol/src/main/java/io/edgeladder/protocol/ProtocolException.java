package io.edgeladder.protocol;

/**
 * A payload that could not be decoded into a valid protocol message: not JSON, a wrong type, or a value
 * its record rejects. The message names the message type and the bad field; {@link #field()} gives the
 * field's JSON path (e.g. {@code pipelines[1].missRate}) for counting and tests.
 *
 * <p>Thrown for bad input from the network, so it carries no stack trace of its own; the Jackson or
 * validation error stays attached as the cause.
 */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String messageType;
  private final String field;

  public ProtocolException(String messageType, String field, String message, Throwable cause) {
    super(message, cause, false, false);
    this.messageType = messageType;
    this.field = field;
  }

  /** Simple name of the message that failed to decode, e.g. {@code Heartbeat}. */
  public String messageType() {
    return messageType;
  }

  /** JSON path of the bad field, or the empty string when the payload as a whole was bad. */
  public String field() {
    return field;
  }
}
