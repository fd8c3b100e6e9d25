package io.edgeladder.protocol.fleet;

import io.edgeladder.protocol.Fields;

/**
 * What the controller wants one pipeline to run.
 *
 * @param name pipeline name; a pipeline the agent does not have is reported as an error, not created
 * @param model base model name (must match the pipeline's and the release's model)
 * @param releaseSha the release to install ({@code models/{releaseSha}/manifest}), or {@code null} to keep
 *     the configured ladder
 * @param bounds limits on the agent's variant choice; {@code null} reads as {@link Bounds#NONE}
 */
public record PipelineDesired(String name, String model, String releaseSha, Bounds bounds) {
  private static final String R = "PipelineDesired";

  public PipelineDesired {
    Fields.id(R, "name", name);
    Fields.text(R, "model", model);
    Fields.optionalSha256(R, "releaseSha", releaseSha);
    bounds = bounds == null ? Bounds.NONE : bounds;
  }
}
