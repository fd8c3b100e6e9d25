package io.edgeladder.protocol.fleet;

import io.edgeladder.protocol.Fields;

/**
 * One configured pipeline, as announced in an {@link AgentBirth}.
 *
 * @param name pipeline name (a topic level)
 * @param model base model name
 * @param activeVariant the variant id serving now
 * @param releaseSha the release its ladder came from, or {@code null} for the locally configured ladder
 */
public record PipelineInfo(String name, String model, String activeVariant, String releaseSha) {
  private static final String R = "PipelineInfo";

  public PipelineInfo {
    Fields.id(R, "name", name);
    Fields.text(R, "model", model);
    Fields.text(R, "activeVariant", activeVariant);
    Fields.optionalSha256(R, "releaseSha", releaseSha);
  }
}
