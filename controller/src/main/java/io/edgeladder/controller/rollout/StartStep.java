package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.StageAssignment;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code PENDING → RUNNING (CANARY)}: selects the agents again (the fleet may have changed since the
 * rollout was created), splits them into stages, records every agent's pre-rollout p99 and saves it
 * all in one step; nothing is sent yet. With nobody selected the rollout is {@code ABORTED}.
 */
final class StartStep {
  private final StepContext ctx;

  StartStep(StepContext ctx) {
    this.ctx = ctx;
  }

  /** @return the saved record, {@code null} if another writer saved first */
  RolloutRecord run(RolloutRecord r, Instant now) {
    StoredPlan stored = PlanCodec.read(r.planJson());
    RolloutPlan plan = stored.plan();
    List<AgentRecord> selected = ctx.planner().select(plan);
    if (selected.isEmpty()) {
      String reason = "no agent matched selector '" + plan.selector() + "' with a pipeline running model "
          + plan.model() + " when the rollout started";
      return ctx.saver().save(r, RolloutState.ABORTED, 0, reason, r.planJson(), List.of(), List.of(),
          List.of(Events.of("aborted", "reason", reason)));
    }
    List<StageAssignment> assignments = StagePlanner.assign(plan, selected, now);
    Map<String, Double> baseline =
        ctx.planner().baseline(selected, plan.model(), now.minus(plan.soak()), now);
    return ctx.saver().save(r, RolloutState.RUNNING, 0, null,
        PlanCodec.write(stored.withBaseline(baseline)), assignments, List.of(),
        List.of(Events.of("started", "agents", selected.size(),
            "stages", plan.stageSizes(selected.size()), "previousReleaseSha", r.previousReleaseSha(),
            "baselineAgents", baseline.size())));
  }
}
