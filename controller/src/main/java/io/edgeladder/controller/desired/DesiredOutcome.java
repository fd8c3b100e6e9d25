package io.edgeladder.controller.desired;

import java.util.List;

/**
 * What a {@link DesiredStateService} call did, agent by agent. Immutable.
 *
 * @param issued agents that got a new version, sorted by agent id
 * @param rejected agents it was not issued to, with the reason, sorted by agent id
 */
public record DesiredOutcome(List<Issued> issued, List<Rejected> rejected) {
  public DesiredOutcome {
    issued = List.copyOf(issued);
    rejected = List.copyOf(rejected);
  }

  /**
   * @param version the version issued
   * @param published whether the broker acknowledged the retained publish (if not, it is republished on the
   *     next connect: the store holds it)
   */
  public record Issued(String agentId, long version, boolean published) {}

  /** @param message names the pipeline, release or variant at fault */
  public record Rejected(String agentId, Rejection reason, String message) {}
}
