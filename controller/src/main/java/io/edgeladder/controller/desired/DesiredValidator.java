package io.edgeladder.controller.desired;

import io.edgeladder.controller.store.fleet.PipelineInfo;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.controller.store.models.ModelRegistry;
import io.edgeladder.controller.store.models.ReleaseArtifact;
import io.edgeladder.controller.store.models.ReleaseRecord;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.PipelineDesired;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a desired state before it is issued: against the model registry (release known, of the pipeline's
 * model, pinned and allowed variants accepted rungs of its ladder) and against an agent's birth (pipeline
 * exists, same model). A pipeline without a release keeps its ladder: its variant ids are checked against the
 * release the agent announced for it, when the registry knows that release, and left to the agent otherwise.
 * Stateless; thread-safe.
 */
final class DesiredValidator {
  private final ModelRegistry models;

  DesiredValidator(ModelRegistry models) {
    this.models = models;
  }

  /** Checks what does not depend on the agent. @throws DesiredStateRejectedException naming the fault */
  void checkReleases(List<PipelineDesired> pipelines) {
    for (PipelineDesired p : pipelines) {
      if (p.releaseSha() == null) continue;
      ReleaseRecord release = models.release(p.releaseSha()).orElseThrow(() -> new DesiredStateRejectedException(
          Rejection.UNKNOWN_RELEASE, "pipeline " + p.name() + ": release " + p.releaseSha()
              + " is not in the model registry (publish it first)"));
      if (!release.model().equals(p.model())) {
        throw new DesiredStateRejectedException(Rejection.MODEL_MISMATCH, "pipeline " + p.name() + ": release "
            + p.releaseSha() + " is of model " + release.model() + ", not " + p.model());
      }
      checkVariants(p, release);
    }
  }

  /** Checks one agent. @return why it cannot take this desired state, or empty */
  Optional<DesiredOutcome.Rejected> checkAgent(Registration agent, List<PipelineDesired> pipelines) {
    for (PipelineDesired p : pipelines) {
      PipelineInfo have = agent.pipelines().stream().filter(i -> i.name().equals(p.name())).findFirst().orElse(null);
      if (have == null) {
        return reject(agent, Rejection.UNKNOWN_PIPELINE, "pipeline " + p.name() + " is not on agent "
            + agent.agentId() + " (it has " + agent.pipelines().stream().map(PipelineInfo::name).toList() + ")");
      }
      if (!have.model().equals(p.model())) {
        return reject(agent, Rejection.MODEL_MISMATCH, "pipeline " + p.name() + " of agent " + agent.agentId()
            + " runs model " + have.model() + ", not " + p.model());
      }
      if (p.releaseSha() == null && have.releaseSha() != null) {
        Optional<ReleaseRecord> current = models.release(have.releaseSha());
        if (current.isPresent()) {
          try {
            checkVariants(p, current.get());
          } catch (DesiredStateRejectedException e) {
            return reject(agent, e.reason(), e.getMessage().substring(e.reason().tag().length() + 2));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static void checkVariants(PipelineDesired p, ReleaseRecord release) {
    List<String> ids = release.artifacts().stream().map(ReleaseArtifact::variantId).toList();
    Bounds b = p.bounds();
    List<String> named = new ArrayList<>(b.allowed());
    if (b.pinned() != null) named.add(0, b.pinned());
    for (String id : named) {
      if (!ids.contains(id)) {
        throw new DesiredStateRejectedException(Rejection.UNKNOWN_VARIANT, "pipeline " + p.name() + ": variant "
            + id + " is not an accepted rung of release " + release.releaseSha() + " (it has " + ids + ")");
      }
    }
  }

  private static Optional<DesiredOutcome.Rejected> reject(Registration agent, Rejection reason, String message) {
    return Optional.of(new DesiredOutcome.Rejected(agent.agentId(), reason, message));
  }
}
