package io.edgeladder.controller.store.rollout;

import io.edgeladder.controller.store.Require;
import java.time.Instant;

/**
 * A rollout as stored.
 *
 * @param reason why the rollout is in its state (pause, rollback, abort), {@code null} if none
 * @param version optimistic-lock version: {@link RolloutStore#save} succeeds only with the version
 *     read, and returns the record with the next one
 */
public record RolloutRecord(
    String id,
    String model,
    String releaseSha,
    String previousReleaseSha,
    String planJson,
    RolloutState state,
    int currentStage,
    String reason,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  public RolloutRecord {
    Require.id("rollout id", id, 64);
    Require.id("model", model, 128);
    Require.sha256("releaseSha", releaseSha);
    Require.optionalSha256("previousReleaseSha", previousReleaseSha);
    Require.present("planJson", planJson);
    Require.present("state", state);
    if (currentStage < 0) {
      throw new IllegalArgumentException("currentStage of rollout " + id + " must be >= 0 but was " + currentStage);
    }
    createdAt = Require.micros("createdAt", createdAt);
    updatedAt = Require.micros("updatedAt", updatedAt);
  }

  public RolloutRecord withState(RolloutState newState, String newReason) {
    return new RolloutRecord(id, model, releaseSha, previousReleaseSha, planJson, newState,
        currentStage, newReason, createdAt, updatedAt, version);
  }

  public RolloutRecord withStage(int stage) {
    return new RolloutRecord(id, model, releaseSha, previousReleaseSha, planJson, state, stage,
        reason, createdAt, updatedAt, version);
  }
}
