package io.edgeladder.controller.store.desired;

import io.edgeladder.controller.store.Require;
import java.time.Instant;

/**
 * The desired state last issued to an agent.
 *
 * @param version strictly increasing per agent, from 1
 * @param json the {@code DesiredState} payload as published (it carries {@code version} too)
 */
public record DesiredRecord(String agentId, long version, String json, Instant issuedAt) {
  public DesiredRecord {
    Require.id("agentId", agentId, 128);
    if (version < 1) {
      throw new IllegalArgumentException("desired version of " + agentId + " must be >= 1 but was " + version);
    }
    Require.present("desired json", json);
    issuedAt = Require.micros("issuedAt", issuedAt);
  }
}
