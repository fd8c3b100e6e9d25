package io.edgeladder.agent.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SwapStateTest {
  @Test
  void moveTo_happyPath_reachesClosed() {
    VariantLifecycle v = VariantLifecycle.loading("int8");
    v.moveTo(SwapState.WARMING);
    v.moveTo(SwapState.VALIDATING);
    v.moveTo(SwapState.ACTIVE);
    v.moveTo(SwapState.DRAINING);
    v.moveTo(SwapState.CLOSED);
    assertThat(v.state()).isEqualTo(SwapState.CLOSED);
    assertThat(v.state().terminal()).isTrue();
  }

  @Test
  void moveTo_loadingToActive_rejectedWithBothStates() {
    VariantLifecycle v = VariantLifecycle.loading("int8");
    assertThatThrownBy(() -> v.moveTo(SwapState.ACTIVE))
        .isInstanceOfSatisfying(IllegalSwapTransitionException.class, e -> {
          assertThat(e.from()).isEqualTo(SwapState.LOADING);
          assertThat(e.to()).isEqualTo(SwapState.ACTIVE);
        })
        .hasMessageContaining("int8").hasMessageContaining("LOADING -> ACTIVE");
    assertThat(v.state()).isEqualTo(SwapState.LOADING);
  }

  @Test
  void moveTo_fromTerminalOrBackwards_rejected() {
    VariantLifecycle failed = VariantLifecycle.loading("a");
    failed.moveTo(SwapState.FAILED);
    assertThatThrownBy(() -> failed.moveTo(SwapState.LOADING)).isInstanceOf(IllegalSwapTransitionException.class);
    VariantLifecycle active = VariantLifecycle.active("b");
    assertThatThrownBy(() -> active.moveTo(SwapState.FAILED)).isInstanceOf(IllegalSwapTransitionException.class);
    assertThatThrownBy(() -> active.moveTo(SwapState.VALIDATING)).isInstanceOf(IllegalSwapTransitionException.class);
    active.moveTo(SwapState.DRAINING);
    assertThatThrownBy(() -> active.moveTo(SwapState.ACTIVE)).isInstanceOf(IllegalSwapTransitionException.class);
  }

  @Test
  void canMoveTo_table_onlyForwardMovesAndFailureBeforeActive() {
    int allowed = 0;
    for (SwapState from : SwapState.values()) {
      for (SwapState to : SwapState.values()) {
        if (from.canMoveTo(to)) {
          allowed++;
          assertThat(to.ordinal()).as(from + " -> " + to).isGreaterThan(from.ordinal());
        }
      }
    }
    assertThat(allowed).isEqualTo(8);
    assertThat(SwapState.ACTIVE.canMoveTo(SwapState.FAILED)).isFalse();
    assertThat(SwapState.VALIDATING.canMoveTo(SwapState.FAILED)).isTrue();
  }
}
