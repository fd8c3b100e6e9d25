package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.ConcurrentUpdateException;
import io.edgeladder.controller.store.Fixtures;
import io.edgeladder.controller.store.TestBackend;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.DesiredState;
import io.edgeladder.protocol.fleet.PipelineDesired;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The production target: the desired-state service, the real store and the embedded broker. */
@Timeout(60)
class DesiredServiceTargetTest extends RolloutTestBase {
  DesiredServiceTargetTest() {
    super(TestBackend.H2);
  }

  @Test
  void assign_newRelease_issuesOnTheModelsPipelineAndPublishes() throws Exception {
    fleet.add("a00", PREV, Map.of());

    long v = target().assign("a00", SimFleet.MODEL, NEXT, new Bounds(List.of("fp32"), null, 0.5));

    assertThat(v).isEqualTo(1);
    DesiredState d = parse(desired("a00").orElseThrow().json());
    assertThat(d.pipelines()).containsExactly(
        new PipelineDesired(SimFleet.PIPELINE, SimFleet.MODEL, NEXT, new Bounds(List.of("fp32"), null, 0.5)));
    assertThat(awaitDesiredOnBroker(1)).containsEntry("a00", List.of(1L));
  }

  @Test
  void assign_sameAgain_returnsTheVersionWithoutIssuing() {
    fleet.add("a00", PREV, Map.of());
    DesiredServiceTarget target = target();
    target.assign("a00", SimFleet.MODEL, NEXT, null);

    assertThat(target.assign("a00", SimFleet.MODEL, NEXT, Bounds.NONE)).isEqualTo(1);
    assertThat(target.assign("a00", SimFleet.MODEL, NEXT, null)).isEqualTo(1);
    assertThat(desired("a00").orElseThrow().version()).isEqualTo(1);
    assertThat(target.assign("a00", SimFleet.MODEL, PREV, null)).as("another release").isEqualTo(2);
  }

  @Test
  void assign_expectedVersionNoLongerCurrent_issuesNothing() {
    fleet.add("a00", PREV, Map.of());
    DesiredServiceTarget target = target();
    target.assign("a00", SimFleet.MODEL, PREV, null);

    assertThatThrownBy(() -> target.assign("a00", SimFleet.MODEL, NEXT, null, 0))
        .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("a00");
    assertThat(SimFleet.pipelineRelease(desired("a00").orElseThrow())).isEqualTo(PREV);
    assertThat(target.assign("a00", SimFleet.MODEL, PREV, null, 0))
        .as("already says this: its version, whatever was expected").isEqualTo(1);
    assertThat(target.assign("a00", SimFleet.MODEL, NEXT, null, 1)).isEqualTo(2);
  }

  @Test
  void assign_agentHasOtherDesiredPipelines_keepsThem() throws Exception {
    fleet.add("a00", PREV, Map.of());
    PipelineDesired audio = new PipelineDesired("audio", SimFleet.OTHER_MODEL, null, new Bounds(List.of(), "int8", 0));
    store.desiredStates().issue("a00", v -> new String(
        new DesiredState("a00", v, T0, List.of(audio)).toJson(), StandardCharsets.UTF_8));

    long v = target().assign("a00", SimFleet.MODEL, NEXT, null);

    assertThat(v).isEqualTo(2);
    assertThat(parse(desired("a00").orElseThrow().json()).pipelines())
        .containsExactly(audio, new PipelineDesired(SimFleet.PIPELINE, SimFleet.MODEL, NEXT, null));
  }

  @Test
  void assign_agentWithoutThePipelineOrUnknown_rejectedForGood() {
    fleet.add("a00", PREV, Map.of());
    assertThatThrownBy(() -> target().assign("a00", "other-model", NEXT, null))
        .isInstanceOf(AssignmentRejectedException.class)
        .hasMessage("agent a00 has no pipeline running model other-model");
    assertThatThrownBy(() -> target().assign("ghost", SimFleet.MODEL, NEXT, null))
        .isInstanceOf(AssignmentRejectedException.class)
        .hasMessage("agent ghost is not in the registry");
  }

  @Test
  void assign_serviceRefuses_rejectedWithItsReason() {
    fleet.add("a00", PREV, Map.of());
    assertThatThrownBy(() -> target().assign("a00", SimFleet.MODEL, Fixtures.SHA_C, null))
        .isInstanceOf(AssignmentRejectedException.class)
        .hasMessageContaining("is not in the model registry");
    assertThatThrownBy(() -> target().assign("a00", SimFleet.MODEL, NEXT, new Bounds(List.of(), "fp64", 0)))
        .isInstanceOf(AssignmentRejectedException.class)
        .hasMessageContaining("variant fp64 is not an accepted rung");
    assertThat(desired("a00")).isEmpty();
  }

  private static DesiredState parse(String json) throws Exception {
    return DesiredState.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
