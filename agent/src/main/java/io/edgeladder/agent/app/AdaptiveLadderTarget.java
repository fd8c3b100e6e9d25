package io.edgeladder.agent.app;

import io.edgeladder.agent.adaptive.AdaptiveWiring;
import io.edgeladder.agent.control.InstallException;
import io.edgeladder.agent.control.LadderTarget;
import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.policy.Bounds;
import io.edgeladder.agent.swap.LadderVariants;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The control path's {@link LadderTarget} on the agent's adaptive loop. Threads: as {@link LadderTarget}. */
final class AdaptiveLadderTarget implements LadderTarget {
  private final AdaptiveWiring adaptive;

  AdaptiveLadderTarget(AdaptiveWiring adaptive) {
    this.adaptive = adaptive;
  }

  @Override
  public List<String> variantIds(String pipeline) {
    return adaptive.variantIds(pipeline);
  }

  @Override
  public void install(String pipeline, Path ladderJson, Bounds bounds) throws InstallException {
    try {
      adaptive.install(pipeline, LadderVariants.read(ladderJson, AdaptiveWiring.GOLDEN_TOLERANCE), bounds);
    } catch (IOException | ModelLoadException | InferenceException | IllegalArgumentException e) {
      throw new InstallException("pipeline " + pipeline + ": ladder " + ladderJson + " not installed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void bound(String pipeline, Bounds bounds) {
    adaptive.bound(pipeline, bounds);
  }

  @Override
  public String servingId(String pipeline) {
    return adaptive.servingId(pipeline);
  }
}
