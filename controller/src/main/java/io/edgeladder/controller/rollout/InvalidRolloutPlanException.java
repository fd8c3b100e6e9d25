package io.edgeladder.controller.rollout;

import java.util.List;

/** A rollout plan with one or more problems; the message lists them all, each naming its field. */
public final class InvalidRolloutPlanException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InvalidRolloutPlanException(List<String> problems) {
    super("invalid rollout plan: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in field order. */
  public List<String> problems() {
    return problems;
  }
}
