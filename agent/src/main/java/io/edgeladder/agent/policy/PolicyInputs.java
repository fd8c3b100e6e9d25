package io.edgeladder.agent.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one policy decision for one pipeline depends on.
 *
 * @param pipeline pipeline name
 * @param currentVariant the variant serving now, or {@code null} when none is active yet
 * @param candidates the ladder's variants with their profiles (at least one, unique ids)
 * @param resources device compute and energy state
 * @param scheduler the scheduler's recent misses and queue age
 * @param deadlineMs the pipeline's per-window deadline, milliseconds (> 0)
 * @param windowRateHz windows per second the pipeline runs (>= 0)
 * @param bounds the controller's limits
 */
public record PolicyInputs(
    String pipeline,
    String currentVariant,
    List<Candidate> candidates,
    ResourceState resources,
    SchedulerStats scheduler,
    double deadlineMs,
    double windowRateHz,
    Bounds bounds) {

  public PolicyInputs {
    if (pipeline == null || pipeline.isBlank()) throw new IllegalArgumentException("policy inputs.pipeline is missing");
    String at = "policy " + pipeline + " ";
    if (candidates == null || candidates.isEmpty()) throw new IllegalArgumentException(at + "has no candidate variants");
    candidates = List.copyOf(candidates);
    Set<String> ids = new HashSet<>();
    for (Candidate c : candidates) {
      if (!ids.add(c.id())) throw new IllegalArgumentException(at + "candidate " + c.id() + " appears twice");
    }
    if (resources == null) throw new IllegalArgumentException(at + "resources are missing");
    if (scheduler == null) throw new IllegalArgumentException(at + "scheduler stats are missing");
    if (!(deadlineMs > 0) || Double.isInfinite(deadlineMs)) {
      throw new IllegalArgumentException(at + "deadlineMs must be > 0 but was " + deadlineMs);
    }
    if (!(windowRateHz >= 0) || Double.isInfinite(windowRateHz)) {
      throw new IllegalArgumentException(at + "windowRateHz must be >= 0 but was " + windowRateHz);
    }
    if (bounds == null) bounds = Bounds.none();
  }

  Candidate find(String id) {
    if (id == null) return null;
    for (Candidate c : candidates) {
      if (c.id().equals(id)) return c;
    }
    return null;
  }
}
