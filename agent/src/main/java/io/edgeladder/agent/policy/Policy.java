package io.edgeladder.agent.policy;

import io.edgeladder.agent.policy.Decision.Action;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The switching policy of one pipeline: the most accurate allowed variant whose predicted p99 under the
 * current load fits the deadline with a margin and whose power fits the energy budget.
 *
 * <ul>
 *   <li><b>Hysteresis:</b> a variant more accurate than the current one must fit with an extra
 *       {@code stepUpMargin} band, so a load hovering around a limit does not flip back and forth.
 *   <li><b>Hold-down:</b> no switch within {@code holdDown} of the previous one, except to escape
 *       deadline misses (miss rate above {@code maxMissRate} or the queue older than the deadline): then
 *       only strictly faster variants are considered, the most accurate that fits, else the fastest.
 *   <li><b>Bounds:</b> a pinned variant wins over everything; otherwise only allowed variants with at
 *       least the minimum accuracy. Bounds nothing satisfies (or a pin not in the ladder) are a
 *       {@link Action#PROBLEM}: the current variant keeps serving.
 *   <li>When nothing fits, the least-overloaded variant (smallest max of p99/limit, watts/budget).
 * </ul>
 *
 * <p>The current variant is taken from the inputs (what really serves), so a swap that failed is simply
 * requested again once the hold-down has passed. Time is the caller's monotonic nanoseconds.
 *
 * <p>Threads: not thread-safe; one policy per pipeline, driven by the {@link PolicyLoop} thread.
 */
public final class Policy {
  private final PolicySettings settings;
  private final long holdDownNanos;
  // guarded by: confinement to the policy loop's thread
  private long lastSwitchNanos;
  private boolean switched;
  private String requested;

  public Policy(PolicySettings settings) {
    this.settings = settings;
    this.holdDownNanos = settings.holdDown().toNanos();
  }

  /** Decides for {@code in} at monotonic time {@code nowNanos}; records a switch as the start of a hold-down. */
  public Decision decide(PolicyInputs in, long nowNanos) {
    Assessment a = new Assessment(in, settings);
    String current = in.currentVariant();
    Candidate cur = in.find(current);
    String pinned = in.bounds().pinned();
    if (pinned != null) {
      if (in.find(pinned) == null) {
        return decision(a, Action.PROBLEM, null, "pinned variant " + pinned + " is not in the ladder "
            + ids(in.candidates()) + "; keeping " + current);
      }
      return pinned.equals(current) ? decision(a, Action.HOLD, null, "pinned to " + pinned)
          : switchTo(a, in.find(pinned), "pinned by the controller", nowNanos);
    }
    List<Candidate> admissible = in.candidates().stream().filter(in.bounds()::allows).toList();
    if (admissible.isEmpty()) {
      return decision(a, Action.PROBLEM, null, String.format(Locale.ROOT,
          "bounds unsatisfiable: no allowed variant has accuracy >= %.3f (allowed %s, ladder %s); keeping %s",
          in.bounds().minAccuracy(), in.bounds().allowed().isEmpty() ? "all" : in.bounds().allowed(),
          accuracies(in.candidates()), current));
    }
    boolean escape = a.overloaded && cur != null;
    List<Candidate> pool = admissible;
    if (escape) {
      double curP99 = a.predictedP99(cur);
      pool = admissible.stream().filter(c -> a.predictedP99(c) < curP99).toList();
      if (pool.isEmpty()) {
        return decision(a, Action.HOLD, null, missText(in) + " but no allowed variant is faster than " + current);
      }
    }
    Candidate target = choose(a, pool, cur);
    String why;
    if (target != null) {
      why = escape ? missText(in) + "; " + a.describe(target) + " fits"
          : cur == null ? a.describe(target) + " fits"
          : target.accuracy() > cur.accuracy() ? "step up: " + a.describe(target) + " fits with the step-up band"
          : !in.bounds().allows(cur) ? current + " is outside the bounds; " + a.describe(target) + " fits"
          : "step down: " + a.describe(cur) + " does not fit; " + a.describe(target) + " does";
    } else {
      target = pool.stream().min(Comparator.comparingDouble(a::pressure)).orElseThrow();
      why = (escape ? missText(in) + "; " : "") + "nothing fits; least overloaded is " + a.describe(target);
    }
    if (target == cur) {
      return decision(a, Action.HOLD, null, a.fits(cur) ? a.describe(cur) + " fits" : why);
    }
    boolean holding = switched && nowNanos - lastSwitchNanos < holdDownNanos;
    if (holding && target.id().equals(requested)) {
      return decision(a, Action.HOLD, target.id(), "swap to " + requested + " requested "
          + millis(nowNanos - lastSwitchNanos) + " ms ago; waiting for it");
    }
    boolean forced = escape || cur == null || !in.bounds().allows(cur);
    if (holding && !forced) {
      return decision(a, Action.HOLD, target.id(), "hold-down (" + millis(holdDownNanos - (nowNanos - lastSwitchNanos))
          + " ms left) delays: " + why);
    }
    return switchTo(a, target, why, nowNanos);
  }

  /**
   * The most accurate variant in the pool that fits: with the step-up band if it is more accurate than
   * the current one, plainly otherwise; ties go to the lower predicted p99. {@code null} when none fits.
   */
  private static Candidate choose(Assessment a, List<Candidate> pool, Candidate cur) {
    return pool.stream()
        .filter(c -> cur != null && c.accuracy() > cur.accuracy() ? a.fitsStepUp(c) : a.fits(c))
        .max(Comparator.comparingDouble(Candidate::accuracy)
            .thenComparing(Comparator.comparingDouble(a::predictedP99).reversed())
            // the current variant wins a full tie: switching costs a swap for nothing
            .thenComparing(c -> c == cur))
        .orElse(null);
  }

  private Decision switchTo(Assessment a, Candidate target, String why, long nowNanos) {
    switched = true;
    lastSwitchNanos = nowNanos;
    requested = target.id();
    return decision(a, Action.SWITCH, target.id(), why);
  }

  private static Decision decision(Assessment a, Action action, String wanted, String reason) {
    String current = a.in.currentVariant();
    String target = action == Action.SWITCH ? wanted : current;
    var inputs = a.snapshot();
    if (action == Action.HOLD && wanted != null) inputs.put("wanted", wanted);
    Candidate cur = a.in.find(current);
    return new Decision(a.in.pipeline(), action, current, target, reason, inputs,
        cur == null ? Double.NaN : a.predictedP99(cur), a.budgetWatts);
  }

  private static String missText(PolicyInputs in) {
    return String.format(Locale.ROOT, "deadline misses %.1f%% (queue age %.1f ms)",
        in.scheduler().deadlineMissRate() * 100, in.scheduler().queueAgeMs());
  }

  private static List<String> ids(List<Candidate> cs) {
    return cs.stream().map(Candidate::id).toList();
  }

  private static List<String> accuracies(List<Candidate> cs) {
    return cs.stream().map(c -> String.format(Locale.ROOT, "%s=%.3f", c.id(), c.accuracy())).toList();
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
