package io.edgeladder.controller.rollout;

import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.fleet.Bounds;
import java.time.Duration;
import java.util.List;

/**
 * Builds a {@link RolloutPlan} from defaults: every agent running the model, canary 1 agent, waves
 * [50%, 100%], 10 min soak, 10 min to apply, miss and error rate at most 5%, p99 at most 1.5x the
 * previous release's, 3 heartbeats, 2 min heartbeat timeout. Not thread-safe; {@link #build()}
 * validates.
 */
public final class RolloutPlanBuilder {
  private final String model;
  private final String releaseSha;
  private String previousReleaseSha;
  private LabelSelector selector = LabelSelector.all();
  private StageSize canary = StageSize.count(1);
  private List<StageSize> waves = List.of(StageSize.percent(50), StageSize.percent(100));
  private Duration soak = Duration.ofMinutes(10);
  private Duration applyTimeout = Duration.ofMinutes(10);
  private Gates gates = new Gates(0.05, 0.05, 1.5, 3, Duration.ofMinutes(2));
  private Bounds bounds;

  RolloutPlanBuilder(String model, String releaseSha) {
    this.model = model;
    this.releaseSha = releaseSha;
  }

  public RolloutPlanBuilder previousReleaseSha(String sha) {
    this.previousReleaseSha = sha;
    return this;
  }

  public RolloutPlanBuilder selector(LabelSelector s) {
    this.selector = s;
    return this;
  }

  public RolloutPlanBuilder canary(StageSize size) {
    this.canary = size;
    return this;
  }

  public RolloutPlanBuilder waves(StageSize... sizes) {
    this.waves = List.of(sizes);
    return this;
  }

  public RolloutPlanBuilder soak(Duration d) {
    this.soak = d;
    return this;
  }

  public RolloutPlanBuilder applyTimeout(Duration d) {
    this.applyTimeout = d;
    return this;
  }

  public RolloutPlanBuilder gates(Gates g) {
    this.gates = g;
    return this;
  }

  public RolloutPlanBuilder bounds(Bounds b) {
    this.bounds = b;
    return this;
  }

  /** @throws InvalidRolloutPlanException listing every problem */
  public RolloutPlan build() {
    return new RolloutPlan(model, releaseSha, previousReleaseSha, selector, canary, waves, soak,
        applyTimeout, gates, bounds);
  }
}
