package io.edgeladder.controller.desired;

import io.edgeladder.protocol.fleet.PipelineDesired;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A desired state set for a label selector: issued to the agents it matched at the time, and to agents that
 * match later when they announce themselves. Immutable.
 *
 * @param id increasing per controller; the newest matching assignment wins
 * @param selector the selector text (as {@code LabelSelector.toString()})
 * @param pipelines what every matching agent should run
 * @param appliedTo agents it was issued to
 */
public record SelectorAssignment(
    long id, String selector, List<PipelineDesired> pipelines, Instant createdAt, Set<String> appliedTo) {
  public SelectorAssignment {
    pipelines = List.copyOf(pipelines);
    appliedTo = Set.copyOf(new TreeSet<>(appliedTo));
  }

  SelectorAssignment withApplied(String agentId) {
    Set<String> more = new TreeSet<>(appliedTo);
    more.add(agentId);
    return new SelectorAssignment(id, selector, pipelines, createdAt, more);
  }
}
