package io.edgeladder.controller.registry;

import io.edgeladder.controller.store.Require;

/** An artifact file in the {@link ArtifactStore}: its content hash and size. */
public record StoredArtifact(String sha256, long size) {
  public StoredArtifact {
    Require.sha256("artifact sha256", sha256);
    Require.nonNegative("artifact " + sha256 + " size", size);
  }
}
