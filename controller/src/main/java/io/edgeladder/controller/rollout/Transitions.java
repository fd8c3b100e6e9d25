package io.edgeladder.controller.rollout;

import static io.edgeladder.controller.store.rollout.RolloutState.ABORTED;
import static io.edgeladder.controller.store.rollout.RolloutState.COMPLETED;
import static io.edgeladder.controller.store.rollout.RolloutState.PAUSED;
import static io.edgeladder.controller.store.rollout.RolloutState.PENDING;
import static io.edgeladder.controller.store.rollout.RolloutState.ROLLED_BACK;
import static io.edgeladder.controller.store.rollout.RolloutState.ROLLING_BACK;
import static io.edgeladder.controller.store.rollout.RolloutState.RUNNING;

import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The rollout transition table over the persisted {@link RolloutState}s. {@code RUNNING} at stage 0
 * is the canary, at stage {@code n} wave {@code n} (see {@link #phase}). A state may "move" to
 * itself: a stage step or a claim saved without a state change.
 *
 * <pre>
 *  PENDING ──start──▶ RUNNING(CANARY) ──gates pass──▶ RUNNING(WAVE_1) ──▶ … ──▶ COMPLETED
 *     │                  │  ▲    │
 *     │            pause │  │ resume          gate fails / apply fails / abort
 *     │                  ▼  │    ▼
 *     ├──pause──▶      PAUSED ──abort──▶ ROLLING_BACK ──▶ ROLLED_BACK (gate) / ABORTED (abort)
 *     └──abort / nobody selected──────────────────────────▶ ABORTED
 * </pre>
 *
 * Stateless, thread-safe.
 */
final class Transitions {
  private static final Map<RolloutState, Set<RolloutState>> ALLOWED = new EnumMap<>(RolloutState.class);

  static {
    ALLOWED.put(PENDING, EnumSet.of(PENDING, RUNNING, PAUSED, ABORTED));
    ALLOWED.put(RUNNING, EnumSet.of(RUNNING, PAUSED, ROLLING_BACK, COMPLETED));
    ALLOWED.put(PAUSED, EnumSet.of(PAUSED, PENDING, RUNNING, ROLLING_BACK, ABORTED));
    ALLOWED.put(ROLLING_BACK, EnumSet.of(ROLLING_BACK, ROLLED_BACK, ABORTED));
    ALLOWED.put(ROLLED_BACK, EnumSet.noneOf(RolloutState.class));
    ALLOWED.put(COMPLETED, EnumSet.noneOf(RolloutState.class));
    ALLOWED.put(ABORTED, EnumSet.noneOf(RolloutState.class));
  }

  private Transitions() {}

  static boolean allowed(RolloutState from, RolloutState to) {
    return ALLOWED.get(from).contains(to);
  }

  /** @throws IllegalRolloutTransitionException if the table has no such move */
  static void check(RolloutRecord r, RolloutState to) {
    if (!allowed(r.state(), to)) {
      throw new IllegalRolloutTransitionException(r.id(), r.state(), to);
    }
  }

  /**
   * The engine's name for where a rollout is: {@code PENDING}, {@code CANARY}, {@code WAVE_n},
   * {@code PAUSED}, {@code ROLLING_BACK}, {@code ROLLED_BACK}, {@code COMPLETED} or {@code ABORTED}.
   */
  static String phase(RolloutRecord r) {
    if (r.state() != RUNNING) {
      return r.state().name();
    }
    return r.currentStage() == 0 ? "CANARY" : "WAVE_" + r.currentStage();
  }
}
