package io.edgeladder.controller.rollout;

import static io.edgeladder.controller.store.rollout.AssignmentState.ASSIGNING;
import static io.edgeladder.controller.store.rollout.AssignmentState.FAILED;
import static io.edgeladder.controller.store.rollout.AssignmentState.PENDING;
import static io.edgeladder.controller.store.rollout.AssignmentState.PUSHED;

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
 * One step of a {@code RUNNING} rollout's current stage, decided from the stage's assignments:
 * PENDING or ASSIGNING agents → claim them, then assign the release ({@code stage.pushed}); PUSHED agents →
 * {@link ApplyCheck}; all APPLIED → after the soak, evaluate the gates and pass to the next stage,
 * complete, or start the rollback. Thread-safe (state lives in the store).
 */
final class StageStep {
  /** At most this many not-upgraded agents are read for the concurrent p99 baseline. */
  static final int BASELINE_AGENTS = 100;

  private final StepContext ctx;
  private final ApplyCheck applyCheck;

  StageStep(StepContext ctx) {
    this.ctx = ctx;
    this.applyCheck = new ApplyCheck(ctx);
  }

  /** @return the saved record, or {@code null} when waiting or when another writer saved first */
  RolloutRecord run(RolloutRecord r, Instant now) {
    StoredPlan stored = PlanCodec.read(r.planJson());
    List<StageAssignment> all = ctx.store().assignments(r.id());
    int s = r.currentStage();
    List<StageAssignment> stage = all.stream().filter(a -> a.stage() == s).toList();
    if (stage.isEmpty()) {
      return pass(r, stored.plan(), List.of(), Events.of("stage.skipped", "stage", s));
    }
    if (any(stage, PENDING) || any(stage, ASSIGNING)) {
      return push(r, stored.plan(), stage, now);
    }
    if (any(stage, PUSHED) || any(stage, FAILED)) {
      return applyCheck.run(r, stored.plan(), stage, now);
    }
    return soak(r, stored, all, stage, now);
  }

  /**
   * Claims the stage's PENDING agents (ASSIGNING, with the desired version each has now) in one
   * save, then assigns the release to every ASSIGNING agent over its claimed version. An engine that
   * reads after another's claim claims again and assigns over the same versions: only one issue per
   * agent goes through, the other finds it and takes its version. An agent whose desired state was
   * changed by someone else since its claim goes back to PENDING, to be claimed over the new one.
   */
  private RolloutRecord push(RolloutRecord r, RolloutPlan plan, List<StageAssignment> stage, Instant now) {
    int s = r.currentStage();
    List<StageAssignment> claimed = new ArrayList<>();
    List<StageAssignment> newlyClaimed = new ArrayList<>();
    for (StageAssignment a : stage) {
      if (a.state() == PENDING) {
        StageAssignment c = new StageAssignment(a.agentId(), s, ASSIGNING, ctx.desiredVersion(a.agentId()), now);
        newlyClaimed.add(c);
        claimed.add(c);
      } else if (a.state() == ASSIGNING) {
        claimed.add(a);
      }
    }
    RolloutRecord claim = ctx.saver().save(r, RolloutState.RUNNING, s, r.reason(), r.planJson(),
        newlyClaimed, List.of(), List.of(Events.of("stage.assigning", "stage", s, "agents", claimed.size())));
    if (claim == null) {
      return null;
    }
    List<StageAssignment> done = new ArrayList<>();
    Map<String, Long> versions = new TreeMap<>();
    List<NewEvent> events = new ArrayList<>();
    for (StageAssignment a : claimed) {
      if (!ctx.saver().stillCurrent(claim)) {
        return null;
      }
      try {
        long v = ctx.target().assign(a.agentId(), plan.model(), plan.releaseSha(), plan.bounds(),
            a.desiredVersion());
        done.add(new StageAssignment(a.agentId(), s, PUSHED, v, now));
        versions.put(a.agentId(), v);
      } catch (AssignmentRejectedException e) {
        done.add(new StageAssignment(a.agentId(), s, FAILED, 0, now));
        events.add(Events.of("assignment.rejected", "agent", a.agentId(), "reason", e.getMessage()));
      } catch (ConcurrentUpdateException e) {
        ctx.metrics().conflict();
        done.add(new StageAssignment(a.agentId(), s, PENDING, 0, now));
        events.add(Events.of("assignment.superseded", "agent", a.agentId(), "claimedVersion",
            a.desiredVersion()));
      }
    }
    if (done.stream().anyMatch(a -> a.state() != PENDING)) {
      events.add(Events.of("stage.pushed", "stage", s, "releaseSha", plan.releaseSha(), "versions", versions));
    }
    return ctx.saver().save(claim, RolloutState.RUNNING, s, claim.reason(), claim.planJson(), done,
        List.of(), events);
  }

  private RolloutRecord soak(RolloutRecord r, StoredPlan stored, List<StageAssignment> all,
      List<StageAssignment> stage, Instant now) {
    RolloutPlan plan = stored.plan();
    int s = r.currentStage();
    Instant soakStart = stage.stream().map(StageAssignment::updatedAt).max(Instant::compareTo).orElseThrow();
    Instant soakEnd = soakStart.plus(plan.soak());
    if (now.isBefore(soakEnd)) {
      return null;
    }
    List<AgentWindow> windows = new ArrayList<>();
    for (StageAssignment a : stage) {
      windows.add(ctx.kpis().read(a.agentId(), plan.model(), soakStart, now));
    }
    GateResult heartbeats = GateEvaluator.heartbeats(s, plan.gates(), windows, now);
    if (!heartbeats.passed()) {
      if (now.isBefore(soakEnd.plus(plan.gates().heartbeatTimeout()))) {
        return null;
      }
      return RollbackStep.begin(ctx, r, List.of(), List.of(heartbeats), StageVerdict.describe(heartbeats));
    }
    double notUpgraded = notUpgradedP99(plan, all, s, soakStart, now);
    StageVerdict verdict = GateEvaluator.kpis(s, plan.gates(), windows, notUpgraded,
        stored.baselineP99Ms(), now);
    List<GateResult> results = new ArrayList<>();
    results.add(heartbeats);
    results.addAll(verdict.results());
    if (!verdict.passed()) {
      String reason = String.join("; ", verdict.failures().stream().map(StageVerdict::describe).toList());
      return RollbackStep.begin(ctx, r, List.of(), results, reason);
    }
    return pass(r, plan, results, Events.of("stage.passed", "stage", s));
  }

  /** Mean p99 of the agents of later stages (still on the previous release) over the window. */
  private double notUpgradedP99(RolloutPlan plan, List<StageAssignment> all, int stage, Instant from,
      Instant to) {
    double sum = 0;
    int n = 0;
    for (StageAssignment a : all) {
      if (a.stage() <= stage || a.state() != PENDING || n >= BASELINE_AGENTS) {
        continue;
      }
      AgentWindow w = ctx.kpis().read(a.agentId(), plan.model(), from, to);
      if (w.hasLatency()) {
        sum += w.p99Ms();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The stage passed (or was empty): the next stage, or COMPLETED after the last wave. */
  private RolloutRecord pass(RolloutRecord r, RolloutPlan plan, List<GateResult> gates, NewEvent event) {
    int s = r.currentStage();
    if (s >= plan.waves().size()) {
      return ctx.saver().save(r, RolloutState.COMPLETED, s, null, r.planJson(), List.of(), gates,
          List.of(event, Events.of("completed", "releaseSha", r.releaseSha())));
    }
    return ctx.saver().save(r, RolloutState.RUNNING, s + 1, null, r.planJson(), List.of(), gates,
        List.of(event));
  }

  static boolean any(List<StageAssignment> stage, AssignmentState state) {
    return stage.stream().anyMatch(a -> a.state() == state);
  }
}
