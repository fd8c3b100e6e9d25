package io.edgeladder.controller.store.models;

import io.edgeladder.controller.store.Require;
import java.time.Instant;

/** A model name releases are published under. */
public record ModelRecord(String name, Instant createdAt) {
  public ModelRecord {
    Require.id("model", name, 128);
    createdAt = Require.micros("model.createdAt", createdAt);
  }
}
