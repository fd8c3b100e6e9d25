package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.Fixtures;
import io.edgeladder.controller.store.NotFoundException;
import io.edgeladder.controller.store.TestBackend;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Creating rollouts: selection, previous release, conflicts; on H2. */
@Timeout(60)
class RolloutCreateTest extends RolloutTestBase {
  RolloutCreateTest() {
    super(TestBackend.H2);
  }

  @Test
  void create_selectorMatchesNobody_rejected() {
    agents(2);
    assertThatThrownBy(() -> engine.create(plan().selector(LabelSelector.parse("site=plant-9")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("selector 'site=plant-9' matches no agent with a pipeline running model pump-ae");
    assertThat(store.rollouts().list(10)).isEmpty();
  }

  @Test
  void create_selectedAgentsRunDifferentReleases_rejectedListingThem() {
    agents(2);
    fleet.add("b00", null, Map.of("site", "plant-1"));
    assertThatThrownBy(() -> engine.create(plan().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("previousReleaseSha must be given")
        .hasMessageContaining(PREV + "=[a00/vibration, a01/vibration]")
        .hasMessageContaining("local ladder=[b00/vibration]");
  }

  @Test
  void create_selectorPicksTheLocalLadderAgents_rollbackDesiresTheConfiguredLadder() {
    agents(2);
    fleet.add("b00", null, Map.of("site", "plant-2"));
    fleet.add("b01", null, Map.of("site", "plant-2"));
    fleet.kpis(NEXT, new SimFleet.Kpi(0.5, 0, 10));
    RolloutRecord created = engine.create(plan().selector(LabelSelector.parse("site=plant-2")).build());
    assertThat(created.previousReleaseSha()).isNull();

    RolloutRecord r = runUntil(created.id(), x -> x.state().terminal(), 40);

    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(desired("b00").orElseThrow().version()).isEqualTo(2);
    assertThat(SimFleet.pipelineRelease(desired("b00").orElseThrow())).as("the configured ladder").isNull();
    assertThat(desired("a00")).isEmpty();
  }

  @Test
  void create_secondRolloutOfTheSameModel_rejectedWhileTheFirstRuns() {
    agents(2);
    RolloutRecord first = engine.create(plan().build());
    assertThatThrownBy(() -> engine.create(plan().build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has unfinished rollout " + first.id());
  }

  @Test
  void create_releaseNotInTheRegistry_notFound() {
    agents(2);
    assertThatThrownBy(() -> engine.create(RolloutPlan.builder(SimFleet.MODEL, Fixtures.SHA_C).build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(Fixtures.SHA_C);
  }

  @Test
  void create_agentsAlreadyRunTheRelease_rejected() {
    fleet.add("c00", NEXT, Map.of());
    assertThatThrownBy(() -> engine.create(plan().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the selected agents already run release " + NEXT);
  }
}
