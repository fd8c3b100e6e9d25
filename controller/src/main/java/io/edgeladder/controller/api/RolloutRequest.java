package io.edgeladder.controller.api;

import io.edgeladder.controller.rollout.Gates;
import io.edgeladder.controller.rollout.InvalidRolloutPlanException;
import io.edgeladder.controller.rollout.RolloutPlan;
import io.edgeladder.controller.rollout.RolloutPlanBuilder;
import io.edgeladder.controller.rollout.StageSize;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.Fields;
import io.edgeladder.protocol.fleet.Bounds;
import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code POST /rollouts}: a {@link RolloutPlan} as JSON. Only {@code model} and {@code releaseSha}
 * are required; every other field falls back to {@link RolloutPlan#builder}'s default. Stage sizes read
 * {@code "3"} (agents) or {@code "25%"}, durations {@code "30s"} or {@code "PT30S"}, the selector is label
 * selector text.
 */
record RolloutRequest(
    String model,
    String releaseSha,
    String previousReleaseSha,
    String selector,
    String canary,
    List<String> waves,
    String soak,
    String applyTimeout,
    GatesRequest gates,
    Bounds bounds) {
  private static final String R = "RolloutRequest";
  /** The builder's defaults, read once (a placeholder model and release, never used). */
  private static final RolloutPlan DEFAULTS = RolloutPlan.builder("defaults", "0".repeat(64)).build();

  /** Gate overrides; absent fields keep the defaults. */
  record GatesRequest(Double maxMissRate, Double maxErrorRate, Double maxP99Ratio, Integer minHeartbeats,
      String heartbeatTimeout) {}

  RolloutRequest {
    Fields.text(R, "model", model);
    Fields.text(R, "releaseSha", releaseSha);
  }

  /** @throws ApiException 400 naming the first field at fault (the message lists every problem) */
  RolloutPlan toPlan() {
    RolloutPlanBuilder b = RolloutPlan.builder(model, releaseSha).previousReleaseSha(previousReleaseSha);
    if (selector != null) {
      try {
        b.selector(LabelSelector.parse(selector));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("invalid_selector", "selector", e.getMessage());
      }
    }
    if (canary != null) b.canary(size("canary", canary));
    if (waves != null) {
      List<StageSize> sizes = new ArrayList<>();
      for (int i = 0; i < waves.size(); i++) sizes.add(size("waves[" + i + "]", waves.get(i)));
      b.waves(sizes.toArray(new StageSize[0]));
    }
    if (soak != null) b.soak(Durations.parse("soak", soak));
    if (applyTimeout != null) b.applyTimeout(Durations.parse("applyTimeout", applyTimeout));
    if (gates != null) b.gates(mergedGates());
    b.bounds(bounds);
    try {
      return b.build();
    } catch (InvalidRolloutPlanException e) {
      String first = e.problems().isEmpty() ? "" : e.problems().get(0);
      int space = first.indexOf(' ');
      throw ApiException.badRequest("invalid_field", space > 0 ? first.substring(0, space) : null, e.getMessage());
    }
  }

  private Gates mergedGates() {
    Gates d = DEFAULTS.gates();
    return new Gates(
        gates.maxMissRate() != null ? gates.maxMissRate() : d.maxMissRate(),
        gates.maxErrorRate() != null ? gates.maxErrorRate() : d.maxErrorRate(),
        gates.maxP99Ratio() != null ? gates.maxP99Ratio() : d.maxP99Ratio(),
        gates.minHeartbeats() != null ? gates.minHeartbeats() : d.minHeartbeats(),
        gates.heartbeatTimeout() != null ? Durations.parse("gates.heartbeatTimeout", gates.heartbeatTimeout())
            : d.heartbeatTimeout());
  }

  private static StageSize size(String field, String text) {
    if (text == null) throw ApiException.badRequest("missing_field", field, field + " is missing");
    try {
      return StageSize.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_field", field, field + ": " + e.getMessage());
    }
  }
}
