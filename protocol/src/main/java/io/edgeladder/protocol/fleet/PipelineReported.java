package io.edgeladder.protocol.fleet;

import io.edgeladder.protocol.Fields;
import java.util.List;

/**
 * What one pipeline actually runs, in a {@link ReportedState}.
 *
 * @param name pipeline name (as desired, even when the agent has no such pipeline)
 * @param releaseSha the release its ladder came from, or {@code null} for the configured ladder
 * @param activeVariant the variant serving now, or {@code null} when the pipeline does not exist
 * @param installed variant ids of the pipeline's ladder that are installed and verified
 * @param error why the desired state could not be applied to this pipeline, or {@code null}
 */
public record PipelineReported(
    String name, String releaseSha, String activeVariant, List<String> installed, String error) {
  private static final String R = "PipelineReported";

  public PipelineReported {
    Fields.id(R, "name", name);
    Fields.optionalSha256(R, "releaseSha", releaseSha);
    if (activeVariant != null) Fields.text(R, "activeVariant", activeVariant);
    installed = Fields.texts(R, "installed", installed);
    if (error != null) Fields.text(R, "error", error);
  }
}
