package io.edgeladder.controller.api;

import io.edgeladder.controller.desired.Rejection;
import io.edgeladder.controller.store.fleet.PipelineInfo;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.controller.store.models.ModelRegistry;
import io.edgeladder.controller.store.models.ReleaseArtifact;
import io.edgeladder.controller.store.models.ReleaseRecord;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.PipelineDesired;
import java.util.List;
import java.util.Optional;

/**
 * Finds the request field a desired-state rejection is about, e.g. {@code pipelines[1].bounds.pinned} for
 * an unknown pinned variant: the service says why, this says where. Re-reads the registry (worker threads
 * only); {@code pipelines} when it cannot tell.
 */
final class DesiredFields {
  private DesiredFields() {}

  /** @param agent the agent the desired state was for, {@code null} for a selector */
  static String locate(Rejection reason, List<PipelineDesired> pipelines, ModelRegistry models,
      Registration agent) {
    for (int i = 0; i < pipelines.size(); i++) {
      PipelineDesired p = pipelines.get(i);
      String at = "pipelines[" + i + "]";
      Optional<PipelineInfo> have = agent == null ? Optional.empty()
          : agent.pipelines().stream().filter(x -> x.name().equals(p.name())).findFirst();
      Optional<ReleaseRecord> release = p.releaseSha() == null ? Optional.empty() : models.release(p.releaseSha());
      switch (reason) {
        case UNKNOWN_RELEASE:
          if (p.releaseSha() != null && release.isEmpty()) return at + ".releaseSha";
          break;
        case UNKNOWN_PIPELINE:
          if (agent != null && have.isEmpty()) return at + ".name";
          break;
        case MODEL_MISMATCH:
          if (release.isPresent() && !release.get().model().equals(p.model())) return at + ".model";
          if (have.isPresent() && !have.get().model().equals(p.model())) return at + ".model";
          break;
        case UNKNOWN_VARIANT:
          if (release.isEmpty() && have.isPresent() && have.get().releaseSha() != null) {
            release = models.release(have.get().releaseSha());
          }
          String variant = release.map(r -> unknownVariant(p.bounds(), r)).orElse(null);
          if (variant != null) return at + ".bounds." + variant;
          break;
        default:
          break;
      }
    }
    return "pipelines";
  }

  /** {@code pinned} or {@code allowed[j]} naming a variant the release lacks, else {@code null}. */
  private static String unknownVariant(Bounds b, ReleaseRecord release) {
    List<String> ids = release.artifacts().stream().map(ReleaseArtifact::variantId).toList();
    if (b.pinned() != null && !ids.contains(b.pinned())) return "pinned";
    for (int j = 0; j < b.allowed().size(); j++) {
      if (!ids.contains(b.allowed().get(j))) return "allowed[" + j + "]";
    }
    return null;
  }
}
