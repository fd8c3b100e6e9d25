package io.edgeladder.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySettingsTest {
  @Test
  void settings_badValues_rejectedNamingValue() {
    assertThatThrownBy(() -> new PolicySettings(1.0, 0.1, Duration.ZERO, 0.05, 1, 0.3))
        .hasMessage("policy.deadlineMargin must be in [0, 1) but was 1.0");
    assertThatThrownBy(() -> new PolicySettings(0.2, 0.1, Duration.ofSeconds(-1), 0.05, 1, 0.3))
        .hasMessageContaining("policy.holdDown must be >= 0");
    assertThatThrownBy(() -> new PolicySettings(0.2, 0.1, Duration.ZERO, 0.05, 0, 0.3))
        .hasMessage("policy.fullBudgetWatts must be > 0 but was 0.0");
    assertThat(PolicySettings.ofDefaults().holdDown()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void inputs_badValues_rejectedNamingPipeline() {
    assertThatThrownBy(() -> new PolicyInputs("p1", null, List.of(), ResourceState.mains(1, 0), SchedulerStats.idle(),
        10, 1, null)).hasMessage("policy p1 has no candidate variants");
    assertThatThrownBy(() -> new PolicyInputs("p1", null, List.of(Ladder.FP32, Ladder.FP32), ResourceState.mains(1, 0),
        SchedulerStats.idle(), 10, 1, null)).hasMessage("policy p1 candidate fp32 appears twice");
    assertThatThrownBy(() -> new PolicyInputs("p1", null, Ladder.ALL, ResourceState.mains(1, 0), SchedulerStats.idle(),
        -3, 1, null)).hasMessage("policy p1 deadlineMs must be > 0 but was -3.0");
    assertThatThrownBy(() -> new ResourceState(4, 0, 1.5, false, 0))
        .hasMessage("policy resources.batteryLevel must be in [0, 1] but was 1.5");
    assertThatThrownBy(() -> new Bounds(null, null, 2)).hasMessage("policy bounds.minAccuracy must be in [0, 1] but was 2.0");
  }

  @Test
  void budget_belowFloorShrinksLinearlyPlusHarvestWhileCharging() {
    PolicySettings s = Sim.settings(); // 1 W, floor 0.5
    assertThat(Assessment.budget(new ResourceState(4, 0, 0.8, false, 0), s)).isEqualTo(1.0);
    assertThat(Assessment.budget(new ResourceState(4, 0, 0.25, false, 0), s)).isEqualTo(0.5);
    assertThat(Assessment.budget(new ResourceState(4, 0, 0.25, true, 0.3), s)).isEqualTo(0.8);
    assertThat(Assessment.budget(new ResourceState(4, 0, 0.25, false, 0.3), s))
        .as("harvest below the device's draw: the battery still discharges, nothing to spend").isEqualTo(0.5);
    assertThat(Assessment.budget(ResourceState.mains(4, 0), s)).isInfinite();
  }
}
