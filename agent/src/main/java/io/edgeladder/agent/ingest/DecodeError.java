package io.edgeladder.agent.ingest;

/** Why a sensor payload was rejected; each kind is counted separately ({@code edge.decode.errors}). */
public enum DecodeError {
  MALFORMED("malformed"),
  WRONG_LENGTH("wrong-length"),
  NON_FINITE("non-finite"),
  OVERSIZED("oversized"),
  WRONG_UNIT("wrong-unit"),
  WRONG_NAME("wrong-name"),
  UNKNOWN_TOPIC("unknown-topic");

  private final String tag;

  DecodeError(String tag) {
    this.tag = tag;
  }

  /** The metric tag value. */
  public String tag() {
    return tag;
  }
}
