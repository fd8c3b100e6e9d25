package io.edgeladder.controller.store.models;

import io.edgeladder.controller.store.Require;
import java.time.Instant;

/**
 * One entry of the push history.
 *
 * @param id increasing in insertion order
 * @param rolloutId the rollout that pushed it, {@code null} for a direct push
 */
public record PushRecord(long id, String releaseSha, PushTarget target, Instant pushedAt, String rolloutId) {
  public PushRecord {
    Require.sha256("releaseSha", releaseSha);
    Require.present("target", target);
    pushedAt = Require.micros("pushedAt", pushedAt);
    if (rolloutId != null) {
      Require.id("rolloutId", rolloutId, 64);
    }
  }
}
