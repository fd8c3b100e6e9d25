package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.rollout.GateResult;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.StageAssignment;
import java.util.List;

/**
 * A rollout as an operator sees it. Immutable snapshot.
 *
 * @param phase {@code PENDING}, {@code CANARY}, {@code WAVE_n}, {@code PAUSED}, {@code
 *     ROLLING_BACK}, {@code ROLLED_BACK}, {@code COMPLETED} or {@code ABORTED}
 * @param plan the plan, with the previous release resolved
 * @param assignments every selected agent's stage and state (empty while {@code PENDING})
 * @param gateResults every gate evaluated so far, in order
 */
public record RolloutStatus(
    RolloutRecord rollout,
    String phase,
    RolloutPlan plan,
    List<StageAssignment> assignments,
    List<GateResult> gateResults) {
  public RolloutStatus {
    assignments = List.copyOf(assignments);
    gateResults = List.copyOf(gateResults);
  }
}
