package io.edgeladder.controller.store.models;

import io.edgeladder.controller.store.Require;

/** One variant file a release ships; the artifact store holds it under {@code sha256}. */
public record ReleaseArtifact(String variantId, String sha256, long size) {
  public ReleaseArtifact {
    Require.id("artifact.variantId", variantId, 128);
    Require.sha256("artifact[" + variantId + "].sha256", sha256);
    Require.nonNegative("artifact[" + variantId + "].size", size);
  }
}
