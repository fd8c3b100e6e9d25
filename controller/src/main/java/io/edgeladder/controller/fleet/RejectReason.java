package io.edgeladder.controller.fleet;

import java.util.Locale;

/** Why {@link FleetIngest} refused (part of) a fleet message; {@link #tag()} is the metric tag value. */
public enum RejectReason {
  /** Not JSON, a wrongly typed field, or a field the protocol record rejects. */
  MALFORMED,
  /** The payload's agent id differs from the topic's agent level: one agent speaking for another. */
  SPOOFED,
  /** Two processes claim one agent id (overlapping incarnations); births are still recorded, flagged. */
  DUPLICATE_INCARNATION,
  /** A heartbeat from an agent id with no birth on record (a status before the birth is normal, not this). */
  UNKNOWN_AGENT,
  /** The topic's agent level is not a valid id. */
  BAD_TOPIC,
  /** The ingest queue was full: a heartbeat or event was dropped (state messages wait instead). */
  OVERLOADED,
  /** The database failed while recording it (logged with the cause). */
  STORE_FAILED;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
