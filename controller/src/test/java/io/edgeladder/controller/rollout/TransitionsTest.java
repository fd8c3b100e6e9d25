package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransitionsTest {
  @ParameterizedTest
  @EnumSource(value = RolloutState.class, names = {"ROLLED_BACK", "COMPLETED", "ABORTED"})
  void allowed_fromTerminal_nowhere(RolloutState terminal) {
    for (RolloutState to : RolloutState.values()) {
      assertThat(Transitions.allowed(terminal, to)).as(terminal + " -> " + to).isFalse();
    }
  }

  @Test
  void allowed_theDiagramsEdges() {
    assertThat(Transitions.allowed(RolloutState.PENDING, RolloutState.RUNNING)).isTrue();
    assertThat(Transitions.allowed(RolloutState.RUNNING, RolloutState.COMPLETED)).isTrue();
    assertThat(Transitions.allowed(RolloutState.RUNNING, RolloutState.ROLLING_BACK)).isTrue();
    assertThat(Transitions.allowed(RolloutState.ROLLING_BACK, RolloutState.ROLLED_BACK)).isTrue();
    assertThat(Transitions.allowed(RolloutState.PENDING, RolloutState.COMPLETED)).isFalse();
    assertThat(Transitions.allowed(RolloutState.RUNNING, RolloutState.ROLLED_BACK)).as("only through ROLLING_BACK").isFalse();
    assertThat(Transitions.allowed(RolloutState.ROLLING_BACK, RolloutState.PAUSED)).isFalse();
    assertThat(Transitions.allowed(RolloutState.ROLLING_BACK, RolloutState.RUNNING)).isFalse();
  }

  @Test
  void phase_runningIsCanaryOrWave() {
    assertThat(Transitions.phase(record(RolloutState.RUNNING, 0))).isEqualTo("CANARY");
    assertThat(Transitions.phase(record(RolloutState.RUNNING, 2))).isEqualTo("WAVE_2");
    assertThat(Transitions.phase(record(RolloutState.PAUSED, 2))).isEqualTo("PAUSED");
  }

  private static RolloutRecord record(RolloutState state, int stage) {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    return new RolloutRecord("r1", "m", "b".repeat(64), null, "{}", state, stage, null, t, t, 1);
  }
}
