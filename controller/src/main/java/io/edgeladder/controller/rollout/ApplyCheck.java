package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.ApplyState;
import io.edgeladder.controller.store.desired.ReportedRecord;
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
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares a stage's PUSHED assignments with what the agents reported: a report of the assigned
 * desired version (or a later one) with state {@code APPLIED} makes the agent APPLIED (the soak
 * starts when the last one is); {@code REJECTED} or {@code PARTIAL}, or no such report within the
 * plan's {@code applyTimeout}, makes it FAILED and fails the stage's {@code apply} gate, which
 * starts the rollback. {@code DOWNLOADING} keeps waiting. Thread-safe.
 */
final class ApplyCheck {
  private final StepContext ctx;

  ApplyCheck(StepContext ctx) {
    this.ctx = ctx;
  }

  /** @return the saved record, or {@code null} when nothing changed or another writer saved first */
  RolloutRecord run(RolloutRecord r, RolloutPlan plan, List<StageAssignment> stage, Instant now) {
    int s = r.currentStage();
    List<StageAssignment> changed = new ArrayList<>();
    Map<String, String> failures = new TreeMap<>();
    List<String> applied = new ArrayList<>();
    boolean waiting = false;
    for (StageAssignment a : stage) {
      if (a.state() == AssignmentState.FAILED) {
        failures.put(a.agentId(), "assignment rejected (see the assignment.rejected event)");
      } else if (a.state() == AssignmentState.PUSHED) {
        String failure = null;
        Optional<ReportedRecord> report = ctx.desired().get(a.agentId()).flatMap(AgentState::reported)
            .filter(rep -> rep.desiredVersion() >= a.desiredVersion());
        if (report.isPresent() && report.get().state() == ApplyState.APPLIED) {
          changed.add(new StageAssignment(a.agentId(), s, AssignmentState.APPLIED, a.desiredVersion(), now));
          applied.add(a.agentId());
          continue;
        }
        if (report.isPresent() && report.get().state() != ApplyState.DOWNLOADING) {
          failure = "reported " + report.get().state() + " for desired version "
              + report.get().desiredVersion();
        } else if (!now.isBefore(a.updatedAt().plus(plan.applyTimeout()))) {
          failure = "no APPLIED report for desired version " + a.desiredVersion() + " within "
              + plan.applyTimeout();
        }
        if (failure == null) {
          waiting = true;
        } else {
          changed.add(new StageAssignment(a.agentId(), s, AssignmentState.FAILED, a.desiredVersion(), now));
          failures.put(a.agentId(), failure);
        }
      }
    }
    if (!failures.isEmpty()) {
      GateResult gate = new GateResult(s, GateEvaluator.APPLY, false, failures.size(), 0,
          Events.json("agents", failures), now);
      return RollbackStep.begin(ctx, r, changed, List.of(gate),
          "stage " + s + ": " + failures.size() + " agent(s) did not apply release " + r.releaseSha()
              + ": " + failures);
    }
    if (changed.isEmpty()) {
      return null;
    }
    NewEvent event = waiting
        ? Events.of("agents.applied", "stage", s, "agents", applied)
        : Events.of("stage.applied", "stage", s, "agents", applied);
    return ctx.saver().save(r, RolloutState.RUNNING, s, r.reason(), r.planJson(), changed, List.of(),
        List.of(event));
  }
}
