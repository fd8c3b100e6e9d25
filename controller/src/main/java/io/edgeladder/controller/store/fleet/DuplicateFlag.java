package io.edgeladder.controller.store.fleet;

import io.edgeladder.controller.store.Require;
import java.time.Instant;

/**
 * Two processes claimed one agent id: an incarnation other than the current one was heard while the
 * current one was alive (within the duplicate window).
 *
 * @param otherIncarnation the incarnation that is not the current one
 * @param detectedAt when the overlap was last seen
 */
public record DuplicateFlag(String otherIncarnation, Instant detectedAt) {
  public DuplicateFlag {
    Require.id("otherIncarnation", otherIncarnation, 64);
    detectedAt = Require.micros("detectedAt", detectedAt);
  }
}
