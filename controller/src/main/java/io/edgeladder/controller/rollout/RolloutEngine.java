package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.NotFoundException;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.rollout.NewRollout;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.RolloutStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rollouts: staged (canary, then waves), gated on the KPIs agents report, rolled back by
 * itself when a gate fails. The state machine is in {@link Transitions}; each stage assigns the
 * release through the {@link RolloutTarget}, waits until the agents report it applied, soaks, then
 * reads the gates ({@link GateEvaluator}).
 *
 * <p><b>Persistence first.</b> Every step is saved through the {@link RolloutStore} (optimistic
 * version) before its side effects: a stage's assignment is claimed by a save that marks its agents
 * {@code ASSIGNING} with the desired version each has then, the desired states are issued, then
 * their versions saved. A controller that restarts, or another engine over the same database,
 * continues from what is stored; an engine that loses a save (another one moved the rollout) stops
 * its step and re-reads on the next tick.
 *
 * <p><b>Issued once.</b> Two engines may both hold a claim on the same stage (the second read after
 * the first's claim), and an engine may be past its last version check when the rollout moves on.
 * The target therefore issues only over the desired version recorded at the claim, compared in the
 * desired-state store's transaction: per agent exactly one issue goes through, the other engine
 * finds that state and takes its version, and a stale engine cannot overwrite a rollback.
 *
 * <p><b>Operator actions.</b> {@link #pause} holds the rollout where it is (no assignment, no
 * evaluation; soak and apply timers keep running). {@link #resume} continues. {@link #abort} stops
 * and rolls back: every agent of the stages reached so far gets the previous release desired
 * again, and the rollout ends {@code ABORTED} (a gate failure ends {@code ROLLED_BACK}). The
 * rollback runs on the next tick.
 *
 * <p><b>Threads.</b> {@link #tick} runs on one scheduler thread (a tick that finds the previous one
 * still running is skipped and counted); it never throws: failures are logged, counted, and the step
 * is retried next tick. {@link #create}, {@link #pause}, {@link #resume}, {@link #abort} and {@link
 * #status} may be called from any thread.
 */
public final class RolloutEngine {
  /** Steps one rollout may take in one tick (each is a save; a stage needs about four). */
  static final int MAX_STEPS_PER_TICK = 16;
  private static final Logger LOG = LoggerFactory.getLogger(RolloutEngine.class);

  private final RolloutStore store;
  private final Clock clock;
  private final StepContext ctx;
  private final StartStep start;
  private final StageStep stage;
  private final RollbackStep rollback;
  private final OperatorActions operator;
  private final ReentrantLock tickLock = new ReentrantLock();

  public RolloutEngine(RolloutStore store, AgentRegistry agents, DesiredStateStore desired,
      RolloutTarget target, Clock clock, MeterRegistry meters) {
    this.store = store;
    this.clock = clock;
    RolloutMetrics metrics = new RolloutMetrics(meters);
    KpiReader kpis = new KpiReader(agents);
    this.ctx = new StepContext(store, desired, target, kpis, new StagePlanner(agents, kpis),
        new Saver(store, metrics), metrics);
    this.start = new StartStep(ctx);
    this.stage = new StageStep(ctx);
    this.rollback = new RollbackStep(ctx);
    this.operator = new OperatorActions(ctx);
  }

  /** An engine over the store's repositories. */
  public static RolloutEngine of(Store s, RolloutTarget target, Clock clock, MeterRegistry meters) {
    return new RolloutEngine(s.rollouts(), s.agents(), s.desiredStates(), target, clock, meters);
  }

  /**
   * Creates a {@code PENDING} rollout; the next tick starts it. The previous release, when the plan
   * leaves it out, is what the selected agents run now.
   *
   * @throws IllegalArgumentException when no agent is selected, the selected agents run different
   *     releases and none was given, or they already run the release
   * @throws IllegalStateException when the model already has an unfinished rollout
   * @throws NotFoundException when the release or previous release is not in the model registry
   */
  public RolloutRecord create(RolloutPlan plan) {
    for (RolloutRecord u : store.unfinished()) {
      if (u.model().equals(plan.model())) {
        throw new IllegalStateException("model " + plan.model() + " already has unfinished rollout "
            + u.id() + " (" + u.state() + "); abort it or wait for it to finish");
      }
    }
    List<AgentRecord> selected = ctx.planner().select(plan);
    if (selected.isEmpty()) {
      throw new IllegalArgumentException("selector '" + plan.selector() + "' matches no agent with a"
          + " pipeline running model " + plan.model());
    }
    String previous = plan.previousReleaseSha() != null
        ? plan.previousReleaseSha()
        : StagePlanner.currentRelease(selected, plan.model());
    if (plan.releaseSha().equals(previous)) {
      throw new IllegalArgumentException("the selected agents already run release " + previous);
    }
    RolloutPlan resolved = plan.withPreviousReleaseSha(previous);
    RolloutRecord r = store.create(new NewRollout(plan.model(), plan.releaseSha(), previous,
        PlanCodec.write(StoredPlan.of(resolved))));
    ctx.metrics().seen(r.id(), r.state());
    LOG.info("rollout {} of {} release {} created over {} agents", r.id(), r.model(), r.releaseSha(),
        selected.size());
    return r;
  }

  /** {@link #tick(Instant)} at the clock's current time. */
  public void tick() {
    tick(clock.instant());
  }

  /** Moves every unfinished rollout as far as it can go at {@code now}. Never throws. */
  public void tick(Instant now) {
    if (!tickLock.tryLock()) {
      ctx.metrics().tickSkipped();
      return;
    }
    try {
      for (RolloutRecord r : store.unfinished()) {
        advance(r, now);
      }
    } catch (Throwable t) {
      ctx.metrics().tickError();
      LOG.warn("rollout tick failed: {}", t.toString(), t);
    } finally {
      tickLock.unlock();
    }
  }

  /** Holds a {@code PENDING} or running rollout. Pausing a paused one returns it unchanged. */
  public RolloutRecord pause(String id, String reason) {
    return operator.pause(id, reason);
  }

  /** Continues a paused rollout where it stopped. */
  public RolloutRecord resume(String id) {
    return operator.resume(id);
  }

  /**
   * Stops the rollout and rolls it back (on the next tick); it ends {@code ABORTED}. A rollout that
   * never assigned anything ends {@code ABORTED} at once; one already rolling back is returned as is.
   */
  public RolloutRecord abort(String id, String reason) {
    return operator.abort(id, reason);
  }

  public Optional<RolloutStatus> status(String id) {
    return store.find(id).map(r -> new RolloutStatus(r, Transitions.phase(r),
        PlanCodec.read(r.planJson()).plan(), store.assignments(id), store.gateResults(id)));
  }

  private void advance(RolloutRecord r, Instant now) {
    ctx.metrics().seen(r.id(), r.state());
    RolloutRecord current = r;
    try {
      for (int i = 0; i < MAX_STEPS_PER_TICK && current != null && !current.state().terminal(); i++) {
        current = step(current, now);
      }
    } catch (Throwable t) {
      ctx.metrics().tickError();
      LOG.warn("rollout {} step failed (retried next tick): {}", r.id(), t.toString(), t);
    }
  }

  private RolloutRecord step(RolloutRecord r, Instant now) {
    switch (r.state()) {
      case PENDING:
        return start.run(r, now);
      case RUNNING:
        return stage.run(r, now);
      case ROLLING_BACK:
        return rollback.run(r, now);
      default:
        return null;
    }
  }
}
