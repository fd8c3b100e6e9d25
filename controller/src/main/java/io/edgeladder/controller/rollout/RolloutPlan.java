package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.fleet.Bounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a rollout does: which release of which model goes to which agents, in which stages, and what
 * each stage must show before the next starts. Immutable; the constructor checks every field and
 * reports all problems at once ({@link InvalidRolloutPlanException}).
 *
 * <p>Stages: the canary (stage 0) gets {@code canary} of the selected agents; wave {@code i} (stage
 * {@code i}) brings the number of upgraded agents up to {@code waves[i-1]} (sizes are cumulative,
 * e.g. canary {@code 1}, waves {@code [50%, 100%]}), and after the last wave every selected agent has
 * the release: agents a short last wave leaves out join it. Agents are taken in agent-id order. A
 * wave that adds nobody is skipped.
 *
 * @param previousReleaseSha what to roll back to; {@code null} when creating means "what the
 *     selected agents run now", read from the registry (a rollout over agents that run a local
 *     ladder rolls back to {@code releaseSha: null}, i.e. the configured ladder)
 * @param selector which agents, among those with a pipeline running {@code model}
 * @param soak how long a stage runs on the new release, after its last agent reported it applied,
 *     before its gates are read
 * @param applyTimeout how long a stage's agents have to report the release applied
 * @param bounds limits on the agents' variant choice sent with the release, {@code null} for none
 */
public record RolloutPlan(
    String model,
    String releaseSha,
    String previousReleaseSha,
    LabelSelector selector,
    StageSize canary,
    List<StageSize> waves,
    Duration soak,
    Duration applyTimeout,
    Gates gates,
    Bounds bounds) {
  /** More waves than this is a typo, not a plan. */
  public static final int MAX_WAVES = 32;

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public RolloutPlan {
    waves = waves == null ? null : Collections.unmodifiableList(new ArrayList<>(waves));
    List<String> problems = new ArrayList<>();
    if (model == null || model.isBlank() || model.length() > 128) {
      problems.add("model must be 1..128 characters but was '" + model + "'");
    }
    checkSha(problems, "releaseSha", releaseSha);
    if (previousReleaseSha != null) {
      checkSha(problems, "previousReleaseSha", previousReleaseSha);
      if (previousReleaseSha.equals(releaseSha)) {
        problems.add("previousReleaseSha must differ from releaseSha " + releaseSha);
      }
    }
    if (selector == null) {
      problems.add("selector is missing (LabelSelector.all() selects every agent)");
    }
    if (canary == null) {
      problems.add("canary is missing");
    } else if (canary.kind() == StageSize.Kind.PERCENT && canary.value() >= 100) {
      problems.add("canary must be below 100% but was " + canary);
    }
    checkWaves(problems, waves);
    checkPositive(problems, "soak", soak);
    checkPositive(problems, "applyTimeout", applyTimeout);
    if (gates == null) {
      problems.add("gates is missing");
    } else {
      gates.check(problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidRolloutPlanException(problems);
    }
  }

  /** A builder with defaults: canary 1 agent, waves [50%, 100%], 10 min soak. */
  public static RolloutPlanBuilder builder(String model, String releaseSha) {
    return new RolloutPlanBuilder(model, releaseSha);
  }

  /** This plan with the previous release set (as resolved when the rollout is created). */
  public RolloutPlan withPreviousReleaseSha(String sha) {
    return new RolloutPlan(model, releaseSha, sha, selector, canary, waves, soak, applyTimeout, gates,
        bounds);
  }

  /**
   * The agents of each stage out of {@code selected} agents: element 0 is the canary, element
   * {@code i} wave {@code i}; the sizes add up to {@code selected}.
   */
  public List<Integer> stageSizes(int selected) {
    List<Integer> sizes = new ArrayList<>();
    int done = Math.min(selected, Math.max(1, canary.resolve(selected)));
    sizes.add(done);
    for (int i = 0; i < waves.size(); i++) {
      int target = i == waves.size() - 1 ? selected : Math.max(done, waves.get(i).resolve(selected));
      sizes.add(target - done);
      done = target;
    }
    return sizes;
  }

  private static void checkSha(List<String> problems, String field, String sha) {
    if (sha == null || !SHA256.matcher(sha).matches()) {
      problems.add(field + " must be 64 lower-case hex digits but was '" + sha + "'");
    }
  }

  private static void checkPositive(List<String> problems, String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      problems.add(field + " must be > 0 but was " + d);
    }
  }

  private static void checkWaves(List<String> problems, List<StageSize> waves) {
    if (waves == null || waves.isEmpty()) {
      problems.add("waves must list at least one wave (the last takes every remaining agent)");
      return;
    }
    if (waves.size() > MAX_WAVES) {
      problems.add("waves must list at most " + MAX_WAVES + " waves but listed " + waves.size());
    }
    Map<StageSize.Kind, StageSize> last = new EnumMap<>(StageSize.Kind.class);
    for (int i = 0; i < waves.size(); i++) {
      StageSize w = waves.get(i);
      if (w == null) {
        problems.add("waves[" + i + "] is missing");
        continue;
      }
      StageSize before = last.put(w.kind(), w);
      if (before != null && w.value() <= before.value()) {
        problems.add("waves are cumulative and must grow, but waves[" + i + "] = " + w
            + " follows " + before);
      }
    }
  }
}
