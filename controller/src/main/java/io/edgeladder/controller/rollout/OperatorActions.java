package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.NotFoundException;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import java.util.List;
import java.util.function.Function;

/**
 * Pause, resume and abort: read, decide, save with the version read, and start over when another
 * writer (a tick) saved in between. Thread-safe; any thread.
 */
final class OperatorActions {
  private static final int ATTEMPTS = 10;

  private final StepContext ctx;

  OperatorActions(StepContext ctx) {
    this.ctx = ctx;
  }

  RolloutRecord pause(String id, String reason) {
    return update(id, r -> {
      if (r.state() == RolloutState.PAUSED) {
        return r;
      }
      String why = "paused: " + text(reason);
      return ctx.saver().save(r, RolloutState.PAUSED, r.currentStage(), why, r.planJson(), List.of(),
          List.of(), List.of(Events.of("paused", "from", Transitions.phase(r), "reason", text(reason))));
    });
  }

  RolloutRecord resume(String id) {
    return update(id, r -> {
      if (r.state() != RolloutState.PAUSED) {
        throw new IllegalRolloutTransitionException(id, r.state(), RolloutState.RUNNING);
      }
      RolloutState to = started(r) ? RolloutState.RUNNING : RolloutState.PENDING;
      return ctx.saver().save(r, to, r.currentStage(), null, r.planJson(), List.of(), List.of(),
          List.of(Events.of("resumed", "to", to.name())));
    });
  }

  RolloutRecord abort(String id, String reason) {
    return update(id, r -> {
      if (r.state().terminal()) {
        throw new IllegalRolloutTransitionException(id, r.state(), RolloutState.ABORTED);
      }
      if (r.state() == RolloutState.ROLLING_BACK) {
        return r;
      }
      String why = "aborted: " + text(reason);
      if (!started(r)) {
        return ctx.saver().save(r, RolloutState.ABORTED, r.currentStage(), why, r.planJson(),
            List.of(), List.of(), List.of(Events.of("aborted", "reason", text(reason), "agents", 0)));
      }
      String plan = PlanCodec.write(PlanCodec.read(r.planJson()).withAbortRequested());
      return ctx.saver().save(r, RolloutState.ROLLING_BACK, r.currentStage(), why, plan, List.of(),
          List.of(), List.of(Events.of("abort.requested", "from", Transitions.phase(r), "reason",
              text(reason))));
    });
  }

  /** Whether the rollout got past PENDING (it has assignments). */
  private boolean started(RolloutRecord r) {
    return r.state() != RolloutState.PENDING && !ctx.store().assignments(r.id()).isEmpty();
  }

  private RolloutRecord update(String id, Function<RolloutRecord, RolloutRecord> action) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      RolloutRecord r = ctx.store().find(id).orElseThrow(() -> new NotFoundException("rollout " + id));
      RolloutRecord saved = action.apply(r);
      if (saved != null) {
        return saved;
      }
    }
    throw new IllegalStateException("rollout " + id + " kept changing: " + ATTEMPTS
        + " attempts lost to concurrent writers");
  }

  private static String text(String reason) {
    return reason == null || reason.isBlank() ? "by operator" : reason;
  }
}
