package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.rollout.GateResult;
import java.util.List;

/** The gates of one stage, all evaluated; the stage passes when every one passed. */
record StageVerdict(List<GateResult> results) {
  StageVerdict {
    results = List.copyOf(results);
  }

  boolean passed() {
    return results.stream().allMatch(GateResult::passed);
  }

  List<GateResult> failures() {
    return results.stream().filter(g -> !g.passed()).toList();
  }

  /** E.g. {@code "stage 0 gate missRate failed: observed 0.2 > threshold 0.05"}, for the reason. */
  static String describe(GateResult g) {
    return "stage " + g.stage() + " gate " + g.gate() + " failed: observed " + g.observed()
        + (g.gate().equals(GateEvaluator.HEARTBEATS) ? " < " : " > ") + "threshold " + g.threshold();
  }
}
