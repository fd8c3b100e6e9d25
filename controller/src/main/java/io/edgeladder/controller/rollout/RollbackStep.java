package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.ConcurrentUpdateException;
import io.edgeladder.controller.store.rollout.AssignmentState;
import io.edgeladder.controller.store.rollout.GateResult;
import io.edgeladder.controller.store.rollout.NewEvent;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.StageAssignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rollback of a {@code ROLLING_BACK} rollout: every agent of the stages reached so far (the
 * current one included, whether or not its assignment was saved) gets the previous release desired
 * again, without bounds; then the rollout ends {@code ROLLED_BACK}, or {@code ABORTED} when an
 * operator aborted it. The rollback does not wait for the agents to report: drift shows who has
 * not applied it yet. Thread-safe (state lives in the store).
 */
final class RollbackStep {
  private final StepContext ctx;

  RollbackStep(StepContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Saves the move to {@code ROLLING_BACK} with the gate results that caused it (and a {@code
   * gate.failed} event per failed gate); the rollback itself runs on the next step.
   *
   * @return the saved record, {@code null} if another writer saved first
   */
  static RolloutRecord begin(StepContext ctx, RolloutRecord r, List<StageAssignment> changed,
      List<GateResult> gates, String reason) {
    List<NewEvent> events = new ArrayList<>();
    for (GateResult g : gates) {
      if (!g.passed()) {
        events.add(Events.of("gate.failed", "stage", g.stage(), "gate", g.gate(), "observed",
            g.observed(), "threshold", g.threshold(), "detail", Events.raw(g.detail())));
      }
    }
    events.add(Events.of("rollback.started", "reason", reason));
    return ctx.saver().save(r, RolloutState.ROLLING_BACK, r.currentStage(), reason, r.planJson(),
        changed, gates, events);
  }

  /** @return the saved record, {@code null} if another writer saved first */
  RolloutRecord run(RolloutRecord r, Instant now) {
    StoredPlan stored = PlanCodec.read(r.planJson());
    RolloutPlan plan = stored.plan();
    RolloutState end = stored.abortRequested() ? RolloutState.ABORTED : RolloutState.ROLLED_BACK;
    String endEvent = stored.abortRequested() ? "aborted" : "rolled_back";
    List<StageAssignment> targets = ctx.store().assignments(r.id()).stream()
        .filter(a -> a.stage() <= r.currentStage() && a.state() != AssignmentState.ROLLED_BACK)
        .toList();
    if (targets.isEmpty()) {
      return ctx.saver().save(r, end, r.currentStage(), Events.of(endEvent, "agents", 0));
    }
    RolloutRecord claim = ctx.saver().save(r, RolloutState.ROLLING_BACK, r.currentStage(),
        Events.of("rollback.assigning", "agents", targets.size(), "releaseSha", r.previousReleaseSha()));
    if (claim == null) {
      return null;
    }
    List<StageAssignment> done = new ArrayList<>();
    Map<String, Long> versions = new TreeMap<>();
    List<NewEvent> events = new ArrayList<>();
    for (StageAssignment a : targets) {
      if (!ctx.saver().stillCurrent(claim)) {
        return null;
      }
      long v = 0;
      try {
        v = ctx.target().assign(a.agentId(), plan.model(), r.previousReleaseSha(), null);
        versions.put(a.agentId(), v);
      } catch (AssignmentRejectedException e) {
        events.add(Events.of("rollback.rejected", "agent", a.agentId(), "reason", e.getMessage()));
      } catch (ConcurrentUpdateException e) {
        // Someone issued between the target's read and its issue: read again next tick.
        ctx.metrics().conflict();
        return null;
      }
      done.add(new StageAssignment(a.agentId(), a.stage(), AssignmentState.ROLLED_BACK, v, now));
    }
    events.add(Events.of(endEvent, "agents", done.size(), "releaseSha", r.previousReleaseSha(),
        "versions", versions));
    return ctx.saver().save(claim, end, claim.currentStage(), claim.reason(), claim.planJson(), done,
        List.of(), events);
  }
}
