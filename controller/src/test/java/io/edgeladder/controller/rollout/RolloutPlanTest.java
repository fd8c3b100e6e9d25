package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.fleet.Bounds;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {
  private static final String SHA = "b".repeat(64);

  @Test
  void builder_defaults_valid() {
    RolloutPlan p = RolloutPlan.builder("pump-ae", SHA).build();
    assertThat(p.canary()).isEqualTo(StageSize.count(1));
    assertThat(p.waves()).containsExactly(StageSize.percent(50), StageSize.percent(100));
    assertThat(p.selector()).isEqualTo(LabelSelector.all());
    assertThat(p.gates().maxP99Ratio()).isEqualTo(1.5);
  }

  @Test
  void constructor_manyProblems_allReportedTogetherNamingTheFields() {
    assertThatThrownBy(() -> new RolloutPlan("", "B".repeat(64), "c".repeat(63), null,
        StageSize.percent(100), List.of(StageSize.percent(60), StageSize.percent(40)), Duration.ZERO,
        Duration.ofSeconds(-1), new Gates(1.5, -0.1, 0.5, 0, Duration.ofSeconds(-1)), null))
        .isInstanceOfSatisfying(InvalidRolloutPlanException.class, e -> assertThat(e.problems())
            .containsExactly(
                "model must be 1..128 characters but was ''",
                "releaseSha must be 64 lower-case hex digits but was '" + "B".repeat(64) + "'",
                "previousReleaseSha must be 64 lower-case hex digits but was '" + "c".repeat(63) + "'",
                "selector is missing (LabelSelector.all() selects every agent)",
                "canary must be below 100% but was 100%",
                "waves are cumulative and must grow, but waves[1] = 40% follows 60%",
                "soak must be > 0 but was PT0S",
                "applyTimeout must be > 0 but was PT-1S",
                "gates.maxMissRate must be in [0, 1] but was 1.5",
                "gates.maxErrorRate must be in [0, 1] but was -0.1",
                "gates.maxP99Ratio must be a finite value >= 1 (or absent) but was 0.5",
                "gates.minHeartbeats must be >= 1 but was 0",
                "gates.heartbeatTimeout must be >= 0 but was PT-1S"))
        .hasMessageStartingWith("invalid rollout plan: model must be");
  }

  @Test
  void constructor_noWavesOrNullWave_rejected() {
    assertThatThrownBy(() -> RolloutPlan.builder("m", SHA).waves().build())
        .hasMessage("invalid rollout plan: waves must list at least one wave (the last takes every"
            + " remaining agent)");
    assertThatThrownBy(() -> new RolloutPlan("m", SHA, null, LabelSelector.all(), StageSize.count(1),
        Arrays.asList(StageSize.count(2), null), Duration.ofMinutes(1), Duration.ofMinutes(1),
        new Gates(0, 0, null, 1, Duration.ZERO), null))
        .hasMessage("invalid rollout plan: waves[1] is missing");
  }

  @Test
  void constructor_previousEqualsRelease_rejected() {
    assertThatThrownBy(() -> RolloutPlan.builder("m", SHA).previousReleaseSha(SHA).build())
        .hasMessage("invalid rollout plan: previousReleaseSha must differ from releaseSha " + SHA);
  }

  @Test
  void stageSizes_canaryThenCumulativeWaves_lastTakesTheRest() {
    RolloutPlan p = RolloutPlan.builder("m", SHA).build();
    assertThat(p.stageSizes(10)).containsExactly(1, 4, 5);
    assertThat(p.stageSizes(3)).containsExactly(1, 1, 1);
    assertThat(p.stageSizes(1)).containsExactly(1, 0, 0);

    RolloutPlan counts = RolloutPlan.builder("m", SHA).canary(StageSize.percent(10))
        .waves(StageSize.count(3), StageSize.count(5)).build();
    assertThat(counts.stageSizes(25)).as("10% of 25 rounds up to 3").containsExactly(3, 0, 22);
    assertThat(counts.stageSizes(10)).containsExactly(1, 2, 7);
  }

  @Test
  void withPreviousReleaseSha_keepsEverythingElse() {
    RolloutPlan p = RolloutPlan.builder("m", SHA).bounds(new Bounds(List.of("fp32"), null, 0.5))
        .selector(LabelSelector.parse("site=a")).build();
    RolloutPlan q = p.withPreviousReleaseSha("a".repeat(64));
    assertThat(q.previousReleaseSha()).isEqualTo("a".repeat(64));
    assertThat(q.withPreviousReleaseSha(null)).isEqualTo(p);
  }

  @Test
  void planCodec_roundTripsPlanBaselineAndAbortFlag() {
    RolloutPlan p = RolloutPlan.builder("pump-ae", SHA).previousReleaseSha("a".repeat(64))
        .selector(LabelSelector.parse("site=plant-1,tier notin (test)")).canary(StageSize.percent(12.5))
        .waves(StageSize.count(4), StageSize.percent(100)).soak(Duration.ofSeconds(90))
        .applyTimeout(Duration.ofMinutes(3)).gates(new Gates(0.02, 0.01, null, 2, Duration.ofSeconds(45)))
        .bounds(new Bounds(List.of("fp32", "int8"), "int8", 0.9)).build();
    StoredPlan stored = new StoredPlan(p, Map.of("a1", 12.5, "a2", 7.0), true);

    StoredPlan back = PlanCodec.read(PlanCodec.write(stored));

    assertThat(back).isEqualTo(stored);
    assertThat(PlanCodec.read(PlanCodec.write(StoredPlan.of(RolloutPlan.builder("m", SHA).build()))).plan())
        .isEqualTo(RolloutPlan.builder("m", SHA).build());
  }

  @Test
  void planCodec_notAStoredPlan_clearError() {
    assertThatThrownBy(() -> PlanCodec.read("{\"model\":\"m\"}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("rollout planJson is not a stored plan");
  }
}
