package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgeladder.controller.store.TestBackend;
import io.edgeladder.controller.store.desired.ApplyState;
import io.edgeladder.controller.store.rollout.AssignmentState;
import io.edgeladder.controller.store.rollout.GateResult;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Gates other than the miss rate, on H2: p99 against both baselines, heartbeats, apply. */
@Timeout(60)
class RolloutGatesTest extends RolloutTestBase {
  RolloutGatesTest() {
    super(TestBackend.H2);
  }

  @Test
  void tick_canaryP99ThreeTimesTheOthers_p99GateRollsBack() {
    agents(6);
    warmUp();
    fleet.kpis(NEXT, new SimFleet.Kpi(0.0, 0.0, 30.0));
    RolloutRecord created = engine.create(plan().build());

    RolloutRecord r = runUntil(created.id(), x -> x.state().terminal(), 60);

    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    GateResult p99 = store.rollouts().gateResults(r.id()).stream()
        .filter(g -> g.gate().equals("p99Ratio")).findFirst().orElseThrow();
    assertThat(p99.passed()).isFalse();
    assertThat(p99.observed()).isCloseTo(3.0, within(1e-9));
    assertThat(p99.threshold()).isEqualTo(1.5);
    assertThat(p99.detail()).contains("not-upgraded agents", "\"baselineP99Ms\":10.0");
    assertThat(store.rollouts().gateResults(r.id())).filteredOn(g -> !g.gate().equals("p99Ratio"))
        .allMatch(GateResult::passed);
    assertThat(counter("edgeladder.rollout.gate.failures", "kpi", "p99Ratio")).isEqualTo(1);
  }

  @Test
  void tick_lastWaveRegressesAgainstItsOwnHistory_p99GateUsesPreRolloutBaseline() {
    agents(2);
    fleet.agent("a01").override = new SimFleet.Kpi(0, 0, 20.0);
    warmUp();
    RolloutRecord created = engine.create(plan().waves(StageSize.percent(100)).build());
    runUntil(created.id(), x -> x.currentStage() == 1, 40);
    fleet.agent("a01").override = new SimFleet.Kpi(0, 0, 50.0);

    RolloutRecord r = runUntil(created.id(), x -> x.state().terminal(), 40);

    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    GateResult p99 = store.rollouts().gateResults(r.id()).stream()
        .filter(g -> g.gate().equals("p99Ratio") && g.stage() == 1).findFirst().orElseThrow();
    assertThat(p99.detail()).contains("own pre-rollout p99");
    assertThat(p99.observed()).as("50 ms against its own 20 ms").isCloseTo(2.5, within(1e-9));
    assertThat(desired("a00").map(SimFleet::pipelineRelease)).contains(PREV);
    assertThat(desired("a01").map(SimFleet::pipelineRelease)).contains(PREV);
  }

  @Test
  void tick_canaryStopsHeartbeating_notPassingUntilTheTimeoutThenRollsBack() {
    agents(4);
    warmUp();
    RolloutRecord created = engine.create(plan().build());
    runUntil(created.id(), x -> store.rollouts().assignments(x.id()).get(0).state() == AssignmentState.APPLIED, 10);
    fleet.agent("a00").silent = true;
    var appliedAt = store.rollouts().assignments(created.id()).get(0).updatedAt();

    while (clock.instant().isBefore(appliedAt.plus(SOAK).plus(GATES.heartbeatTimeout()).minus(STEP))) {
      step();
      assertThat(rollout(created.id()).state()).as("no data is not passing, yet not failing")
          .isEqualTo(RolloutState.RUNNING);
    }
    assertThat(store.rollouts().gateResults(created.id())).isEmpty();
    RolloutRecord r = runUntil(created.id(), x -> x.state().terminal(), 3);

    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(clock.instant()).isAfterOrEqualTo(appliedAt.plus(SOAK).plus(GATES.heartbeatTimeout()));
    GateResult hb = store.rollouts().gateResults(r.id()).get(0);
    assertThat(hb.gate()).isEqualTo("heartbeats");
    assertThat(hb.passed()).isFalse();
    assertThat(hb.observed()).as("the heartbeat of the applying step only").isEqualTo(1);
    assertThat(hb.threshold()).isEqualTo(3);
    assertThat(hb.detail()).contains("a00");
    assertThat(counter("edgeladder.rollout.gate.failures", "kpi", "heartbeats")).isEqualTo(1);
  }

  @Test
  void tick_canaryRejectsTheRelease_applyGateFailsAndRollsBack() {
    agents(3);
    warmUp();
    fleet.agent("a00").answer = ApplyState.REJECTED;
    RolloutRecord created = engine.create(plan().build());

    RolloutRecord r = runUntil(created.id(), x -> x.state().terminal(), 5);

    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(r.reason()).contains("a00", "reported REJECTED for desired version 1");
    GateResult apply = store.rollouts().gateResults(r.id()).get(0);
    assertThat(apply.gate()).isEqualTo("apply");
    assertThat(apply.observed()).isEqualTo(1);
    assertThat(desired("a00").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void tick_canaryNeverReports_applyGateFailsAfterApplyTimeout() {
    agents(3);
    warmUp();
    fleet.agent("a00").deaf = true;
    RolloutRecord created = engine.create(plan().applyTimeout(Duration.ofSeconds(30)).build());
    step();
    var pushedAt = clock.instant();

    RolloutRecord r = runUntil(created.id(), x -> x.state().terminal(), 10);

    assertThat(r.state()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(clock.instant()).isEqualTo(pushedAt.plusSeconds(30));
    assertThat(r.reason()).contains("no APPLIED report for desired version 1 within PT30S");
  }
}
