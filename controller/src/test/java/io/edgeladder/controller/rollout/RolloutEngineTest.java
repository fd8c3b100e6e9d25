package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.store.TestBackend;
import io.edgeladder.controller.store.desired.DesiredRecord;
import io.edgeladder.controller.store.rollout.AssignmentState;
import io.edgeladder.controller.store.rollout.GateResult;
import io.edgeladder.controller.store.rollout.RolloutEvent;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.StageAssignment;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's main paths and restarts on a manual clock, against the real store (H2 file and PostgreSQL). */
@ParameterizedClass
@EnumSource(TestBackend.class)
@Timeout(120)
class RolloutEngineTest extends RolloutTestBase {
  RolloutEngineTest(TestBackend backend) {
    super(backend);
  }

  @Test
  void tick_healthyFleet_completesThroughCanaryAndTwoWaves() throws Exception {
    agents(10);
    warmUp();
    RolloutRecord created = engine.create(plan().build());
    assertThat(created.state()).isEqualTo(RolloutState.PENDING);
    assertThat(created.previousReleaseSha()).as("read from the registry").isEqualTo(PREV);

    Set<String> phases = new LinkedHashSet<>();
    RolloutRecord r = created;
    for (int i = 0; i < 80 && !r.state().terminal(); i++) {
      step();
      r = rollout(created.id());
      phases.add(Transitions.phase(r));
      if (Transitions.phase(r).equals("CANARY")) {
        assertThat(desired("a01")).as("wave 1 waits for the canary's gates").isEmpty();
      }
    }

    assertThat(r.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(phases).containsSubsequence("CANARY", "WAVE_1", "WAVE_2", "COMPLETED");
    List<StageAssignment> assignments = store.rollouts().assignments(r.id());
    assertThat(assignments).extracting(StageAssignment::stage)
        .containsExactly(0, 1, 1, 1, 1, 2, 2, 2, 2, 2);
    assertThat(assignments).allSatisfy(a -> {
      assertThat(a.state()).isEqualTo(AssignmentState.APPLIED);
      assertThat(a.desiredVersion()).isEqualTo(1);
      assertThat(SimFleet.pipelineRelease(desired(a.agentId()).orElseThrow())).isEqualTo(NEXT);
    });
    List<GateResult> gates = store.rollouts().gateResults(r.id());
    assertThat(gates).hasSize(12).allMatch(GateResult::passed);
    assertThat(gates).extracting(GateResult::gate).containsExactly(
        "heartbeats", "missRate", "errorRate", "p99Ratio", "heartbeats", "missRate", "errorRate",
        "p99Ratio", "heartbeats", "missRate", "errorRate", "p99Ratio");
    assertThat(eventTypes(r.id())).containsSubsequence("created", "started", "stage.assigning",
        "stage.pushed", "stage.applied", "stage.passed", "stage.pushed", "stage.passed",
        "stage.pushed", "stage.passed", "completed");
    assertThat(awaitDesiredOnBroker(10)).hasSize(10).allSatisfy((agent, versions) ->
        assertThat(versions).as(agent).containsExactly(1L));
    assertThat(meters.get("edgeladder.rollouts").tag("state", "COMPLETED").gauge().value()).isEqualTo(1);
    assertThat(counter("edgeladder.rollout.transitions", "to", "COMPLETED")).isEqualTo(1);
  }

  @Test
  void tick_canaryMissesDeadlines_rollsBackByItselfWithTheFailedGate() {
    agents(6);
    warmUp();
    fleet.kpis(NEXT, new SimFleet.Kpi(0.20, 0.0, 10.0));
    RolloutRecord created = engine.create(plan().build());

    RolloutRecord r = runUntil(created.id(), x -> x.state().terminal(), 60);

    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(r.currentStage()).isZero();
    assertThat(r.reason()).contains("stage 0 gate missRate failed", "0.2", "0.05");
    GateResult miss = store.rollouts().gateResults(r.id()).stream()
        .filter(g -> g.gate().equals("missRate")).findFirst().orElseThrow();
    assertThat(miss.passed()).isFalse();
    assertThat(miss.observed()).isCloseTo(0.20, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(miss.threshold()).isEqualTo(0.05);
    assertThat(miss.detail()).contains("a00");
    RolloutEvent failed = events(r.id(), "gate.failed").get(0);
    assertThat(failed.detail()).contains("\"gate\":\"missRate\"", "\"threshold\":0.05");
    DesiredRecord canary = desired("a00").orElseThrow();
    assertThat(canary.version()).as("previous release desired again, next version").isEqualTo(2);
    assertThat(SimFleet.pipelineRelease(canary)).isEqualTo(PREV);
    assertThat(desired("a01")).as("no wave was reached").isEmpty();
    assertThat(store.rollouts().assignments(r.id()).get(0).state()).isEqualTo(AssignmentState.ROLLED_BACK);
    assertThat(counter("edgeladder.rollout.gate.failures", "kpi", "missRate")).isEqualTo(1);
    assertThat(counter("edgeladder.rollout.gate.failures", "kpi", "p99Ratio")).isZero();
    step();
    assertThat(fleet.agent("a00").release).as("the agent applied the rollback").isEqualTo(PREV);
  }

  @Test
  void tick_controllerRestartsMidWave_newEngineOverTheSameDatabaseCompletesWithoutReissuing()
      throws Exception {
    agents(10);
    warmUp();
    String id = engine.create(plan().build()).id();
    runUntil(id, x -> x.currentStage() == 1 && events(x.id(), "stage.pushed").size() == 2, 40);

    restart();
    engine = newEngine(target());
    RolloutRecord r = runUntil(id, x -> x.state().terminal(), 60);

    assertThat(r.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(events(id, "stage.pushed")).hasSize(3);
    assertThat(store.rollouts().assignments(id)).allSatisfy(a -> {
      assertThat(a.state()).isEqualTo(AssignmentState.APPLIED);
      assertThat(desired(a.agentId()).orElseThrow().version()).isEqualTo(1);
    });
    assertThat(awaitDesiredOnBroker(10).values()).allSatisfy(v -> assertThat(v).containsExactly(1L));
  }

  @Test
  void tick_crashAfterSomeAssignmentsOfAWave_restartedEngineReassignsIdempotently() {
    agents(10);
    warmUp();
    DesiredServiceTarget real = target();
    AtomicInteger calls = new AtomicInteger();
    engine = newEngine((agent, model, sha, bounds, over) -> {
      long v = real.assign(agent, model, sha, bounds, over);
      if (calls.incrementAndGet() == 3) {
        throw new IllegalStateException("controller killed after issuing for " + agent);
      }
      return v;
    });
    String id = engine.create(plan().build()).id();
    runUntil(id, x -> counter("edgeladder.rollout.tick.errors", null, null) > 0, 40);
    assertThat(rollout(id).currentStage()).isEqualTo(1);
    assertThat(desired("a02").orElseThrow().version()).as("issued before the crash").isEqualTo(1);
    assertThat(desired("a03")).isEmpty();

    restart();
    engine = newEngine(target());
    RolloutRecord r = runUntil(id, x -> x.state().terminal(), 60);

    assertThat(r.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(events(id, "stage.assigning")).hasSize(4);
    assertThat(store.rollouts().assignments(id))
        .allSatisfy(a -> assertThat(desired(a.agentId()).orElseThrow().version()).isEqualTo(1));
  }
}
