package io.edgeladder.controller.store.rollout;

import io.edgeladder.controller.store.Require;

/**
 * A rollout to create; the store assigns id, times and version, and starts it {@link
 * RolloutState#PENDING} at stage 0.
 *
 * @param previousReleaseSha what to roll back to, {@code null} if the fleet ran a local ladder
 * @param planJson the stages and gates, as the rollout engine defines them
 */
public record NewRollout(String model, String releaseSha, String previousReleaseSha, String planJson) {
  public NewRollout {
    Require.id("model", model, 128);
    Require.sha256("releaseSha", releaseSha);
    Require.optionalSha256("previousReleaseSha", previousReleaseSha);
    Require.present("planJson", planJson);
  }
}
