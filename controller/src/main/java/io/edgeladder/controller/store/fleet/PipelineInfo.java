package io.edgeladder.controller.store.fleet;

import io.edgeladder.controller.store.Require;

/**
 * A pipeline an agent announced at birth.
 *
 * @param releaseSha the signed release the pipeline's ladder came from, {@code null} for a ladder
 *     configured locally
 */
public record PipelineInfo(String name, String model, String activeVariant, String releaseSha) {
  public PipelineInfo {
    Require.id("pipeline.name", name, 128);
    Require.id("pipeline.model", model, 128);
    Require.id("pipeline.activeVariant", activeVariant, 128);
    Require.optionalSha256("pipeline.releaseSha", releaseSha);
  }
}
