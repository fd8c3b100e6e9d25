package io.edgeladder.agent.policy;

import java.util.Map;

/**
 * One policy decision for one pipeline.
 *
 * @param pipeline pipeline name
 * @param action switch, hold, or a problem that keeps the current variant
 * @param current the variant serving when deciding ({@code null} when none)
 * @param target the variant the policy wants ({@code current} unless {@code action} is SWITCH)
 * @param reason human-readable why, naming the figures that decided it
 * @param inputs the snapshot the decision was made on, JSON-friendly (published with the event)
 * @param predictedP99Ms the current variant's predicted p99 under the load at decision time, milliseconds;
 *     NaN when no candidate is serving
 * @param energyBudgetWatts the energy budget at decision time, watts; infinite on mains or without a monitor
 */
public record Decision(String pipeline, Action action, String current, String target, String reason,
    Map<String, Object> inputs, double predictedP99Ms, double energyBudgetWatts) {

  public enum Action {
    SWITCH,
    HOLD,
    /** The bounds or the ladder cannot be satisfied; the current variant keeps serving. */
    PROBLEM
  }

  public Decision {
    if (action == null) throw new IllegalArgumentException("decision action is missing");
    if (reason == null || reason.isBlank()) throw new IllegalArgumentException("decision reason is missing");
    if (action == Action.SWITCH && (target == null || target.equals(current))) {
      throw new IllegalArgumentException("decision SWITCH needs a target other than " + current + " but was " + target);
    }
    inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
  }

  public boolean isSwitch() {
    return action == Action.SWITCH;
  }
}
