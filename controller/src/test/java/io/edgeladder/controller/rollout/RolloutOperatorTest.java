package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.TestBackend;
import io.edgeladder.controller.store.rollout.AssignmentState;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.StageAssignment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pause, resume and abort on H2. */
@Timeout(60)
class RolloutOperatorTest extends RolloutTestBase {
  RolloutOperatorTest() {
    super(TestBackend.H2);
  }

  @Test
  void pause_duringCanarySoak_holdsUntilResumeThenCompletes() {
    agents(4);
    warmUp();
    RolloutRecord created = engine.create(plan().build());
    runUntil(created.id(), x -> eventTypes(x.id()).contains("stage.applied"), 5);

    RolloutRecord paused = engine.pause(created.id(), "maintenance window");
    for (int i = 0; i < 40; i++) {
      step();
    }

    RolloutRecord held = rollout(created.id());
    assertThat(held.state()).isEqualTo(RolloutState.PAUSED);
    assertThat(held.version()).as("nothing saved while paused").isEqualTo(paused.version());
    assertThat(held.reason()).isEqualTo("paused: maintenance window");
    assertThat(engine.status(created.id()).orElseThrow().phase()).isEqualTo("PAUSED");
    assertThat(store.rollouts().gateResults(created.id())).isEmpty();
    assertThat(desired("a01")).isEmpty();
    assertThat(engine.pause(created.id(), "again").version()).as("idempotent").isEqualTo(paused.version());

    RolloutRecord resumed = engine.resume(created.id());
    assertThat(resumed.state()).isEqualTo(RolloutState.RUNNING);
    assertThat(resumed.currentStage()).isZero();
    RolloutRecord r = runUntil(created.id(), x -> x.state().terminal(), 60);
    assertThat(r.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(eventTypes(r.id())).containsSubsequence("paused", "resumed", "stage.passed", "completed");
  }

  @Test
  void pause_whilePending_resumeGoesBackToPending() {
    agents(2);
    RolloutRecord created = engine.create(plan().build());
    engine.pause(created.id(), null);
    step();
    assertThat(store.rollouts().assignments(created.id())).as("not started while paused").isEmpty();

    assertThat(engine.resume(created.id()).state()).isEqualTo(RolloutState.PENDING);
    step();
    assertThat(rollout(created.id()).state()).isEqualTo(RolloutState.RUNNING);
  }

  @Test
  void abort_duringWave1_rollsBackEveryReachedAgentAndEndsAborted() {
    agents(6);
    warmUp();
    RolloutRecord created = engine.create(plan().build());
    runUntil(created.id(), x -> x.currentStage() == 1 && eventTypes(x.id()).stream()
        .filter("stage.pushed"::equals).count() == 2, 40);

    RolloutRecord aborting = engine.abort(created.id(), "dashboards look wrong");
    assertThat(aborting.state()).isEqualTo(RolloutState.ROLLING_BACK);
    step();

    RolloutRecord r = rollout(created.id());
    assertThat(r.state()).isEqualTo(RolloutState.ABORTED);
    assertThat(r.reason()).isEqualTo("aborted: dashboards look wrong");
    List<StageAssignment> assignments = store.rollouts().assignments(r.id());
    assertThat(assignments).extracting(StageAssignment::stage).containsExactly(0, 1, 1, 2, 2, 2);
    for (StageAssignment a : assignments) {
      if (a.stage() <= 1) {
        assertThat(a.state()).isEqualTo(AssignmentState.ROLLED_BACK);
        assertThat(desired(a.agentId()).orElseThrow().version()).isEqualTo(2);
        assertThat(SimFleet.pipelineRelease(desired(a.agentId()).orElseThrow())).isEqualTo(PREV);
      } else {
        assertThat(a.state()).isEqualTo(AssignmentState.PENDING);
        assertThat(desired(a.agentId())).isEmpty();
      }
    }
    assertThat(eventTypes(r.id())).containsSubsequence("abort.requested", "rollback.assigning", "aborted");
    assertThat(counter("edgeladder.rollout.transitions", "to", "ABORTED")).isEqualTo(1);
  }

  @Test
  void abort_whilePending_abortedAtOnceWithoutDesiredStates() {
    agents(2);
    RolloutRecord created = engine.create(plan().build());

    assertThat(engine.abort(created.id(), "typo").state()).isEqualTo(RolloutState.ABORTED);
    step();
    assertThat(desired("a00")).isEmpty();
  }

  @Test
  void operatorActions_illegalMoves_rejectedNamingTheStates() {
    agents(2);
    RolloutRecord created = engine.create(plan().build());
    step();
    assertThatThrownBy(() -> engine.resume(created.id()))
        .isInstanceOf(IllegalRolloutTransitionException.class)
        .hasMessage("rollout " + created.id() + " cannot go from RUNNING to RUNNING");
    engine.abort(created.id(), null);
    step();
    assertThat(rollout(created.id()).state()).isEqualTo(RolloutState.ABORTED);
    assertThatThrownBy(() -> engine.abort(created.id(), null))
        .hasMessage("rollout " + created.id() + " cannot go from ABORTED to ABORTED");
    assertThatThrownBy(() -> engine.pause(created.id(), null))
        .hasMessage("rollout " + created.id() + " cannot go from ABORTED to PAUSED");
  }
}
