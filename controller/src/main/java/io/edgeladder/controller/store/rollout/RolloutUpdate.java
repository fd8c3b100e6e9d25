package io.edgeladder.controller.store.rollout;

import io.edgeladder.controller.store.Require;
import java.util.List;

/**
 * Everything one engine step changes, saved in one transaction so a restart never sees half a step.
 *
 * @param rollout the new state, stage, reason and plan, carrying the version that was read
 * @param assignments agents whose assignment is inserted or replaced
 * @param gateResults gate evaluations to append
 * @param events events to append
 */
public record RolloutUpdate(
    RolloutRecord rollout,
    List<StageAssignment> assignments,
    List<GateResult> gateResults,
    List<NewEvent> events) {
  public RolloutUpdate {
    Require.present("rollout", rollout);
    assignments = List.copyOf(assignments);
    gateResults = List.copyOf(gateResults);
    events = List.copyOf(events);
  }

  public static RolloutUpdate of(RolloutRecord rollout, NewEvent... events) {
    return new RolloutUpdate(rollout, List.of(), List.of(), List.of(events));
  }
}
