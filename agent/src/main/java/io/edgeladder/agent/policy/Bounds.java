package io.edgeladder.agent.policy;

import java.util.Set;

/**
 * The controller's limits on a pipeline's variant choice.
 *
 * @param allowed variant ids the policy may choose; empty = every ladder variant
 * @param pinned a variant that overrides the policy, or {@code null}
 * @param minAccuracy minimum accuracy in [0, 1] (0 = no limit)
 */
public record Bounds(Set<String> allowed, String pinned, double minAccuracy) {
  public Bounds {
    allowed = allowed == null ? Set.of() : Set.copyOf(allowed);
    if (pinned != null && pinned.isBlank()) throw new IllegalArgumentException("policy bounds.pinned is blank");
    if (!(minAccuracy >= 0 && minAccuracy <= 1)) {
      throw new IllegalArgumentException("policy bounds.minAccuracy must be in [0, 1] but was " + minAccuracy);
    }
  }

  public static Bounds none() {
    return new Bounds(Set.of(), null, 0);
  }

  boolean allows(Candidate c) {
    return (allowed.isEmpty() || allowed.contains(c.id())) && c.accuracy() >= minAccuracy;
  }
}
