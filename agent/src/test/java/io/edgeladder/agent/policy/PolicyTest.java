package io.edgeladder.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.policy.Decision.Action;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void decide_idleMains_mostAccurateVariant() {
    Sim sim = new Sim(Sim.settings(), null);
    Decision d = sim.tick();

    assertThat(d.action()).isEqualTo(Action.SWITCH);
    assertThat(d.target()).isEqualTo("fp32");
    assertThat(sim.tick().action()).isEqualTo(Action.HOLD);
  }

  @Test
  void decide_batteryDrains_stepsDownThroughTheLadder() {
    Sim sim = new Sim(Sim.settings(), "fp32");
    Map<String, Double> levelAtSwitch = new java.util.LinkedHashMap<>();
    for (int pct = 100; pct >= 4; pct--) {
      sim.resources = Sim.battery(pct / 100.0);
      Decision d = sim.after(MINUTE);
      if (d.isSwitch()) levelAtSwitch.put(d.target(), pct / 100.0);
    }

    // fp32 needs 0.5 W: budget 1 W × level/0.5 drops below it under 25 %; int8 (0.2 W) under 10 %
    assertThat(sim.switchTargets()).containsExactly("int8", "tiny");
    assertThat(levelAtSwitch).containsEntry("int8", 0.24).containsEntry("tiny", 0.09);
    assertThat(sim.switches.get(0).reason()).contains("step down").contains("fp32").contains("W");
    assertThat(sim.switches.get(0).inputs()).containsEntry("batteryLevel", 0.24).containsKey("energyBudgetWatts");
  }

  @Test
  void decide_batteryEmptyNoHarvest_picksTheCheapestVariant() {
    Sim sim = new Sim(Sim.settings(), "fp32");
    sim.resources = Sim.battery(0.0); // energy budget exactly 0 W: nothing fits, the cheapest is least overloaded
    Decision d = sim.after(MINUTE);

    assertThat(d.isSwitch()).isTrue();
    assertThat(d.target()).isEqualTo("tiny");
  }

  @Test
  void decide_recoveryWithinHoldDown_stepsUpOnlyAfterIt() {
    Sim sim = new Sim(Sim.settings(), "int8");
    sim.resources = Sim.battery(0.05); // budget 0.1 W: only tiny fits
    assertThat(sim.after(SECOND).target()).isEqualTo("tiny");

    sim.resources = new ResourceState(4, 0, 0.05, true, 1.0); // charging: 1.1 W, fp32 fits with the band
    for (int s = 1; s < 30; s++) {
      Decision d = sim.after(SECOND);
      assertThat(d.action()).as("t=%ds", s).isEqualTo(Action.HOLD);
      assertThat(d.reason()).contains("hold-down");
      assertThat(d.inputs()).containsEntry("wanted", "fp32");
    }
    Decision up = sim.after(SECOND);

    assertThat(up.action()).isEqualTo(Action.SWITCH);
    assertThat(up.target()).isEqualTo("fp32");
    assertThat(up.reason()).startsWith("step up");
  }

  @Test
  void decide_loadAlternatesAroundLimit_doesNotFlap() {
    // fp32 predicted p99 = 6 ms × 4/(4 − load): over the 8 ms limit above 1.0 busy core,
    // but back inside the 6.8 ms step-up band only below 0.47
    Sim sim = new Sim(Sim.settings(), "fp32");
    for (int i = 0; i < 240; i++) {
      sim.resources = ResourceState.mains(4, i % 2 == 0 ? 1.1 : 0.9);
      sim.after(Duration.ofSeconds(5));
    }

    assertThat(sim.switchTargets()).containsExactly("int8");
  }

  @Test
  void decide_loadAlternatesWithoutHysteresis_flaps() {
    // the same input with no band and no hold-down: shows the test above can fail
    Sim sim = new Sim(new PolicySettings(0.2, 0, Duration.ZERO, 0.05, 1.0, 0.5), "fp32");
    for (int i = 0; i < 240; i++) {
      sim.resources = ResourceState.mains(4, i % 2 == 0 ? 1.1 : 0.9);
      sim.after(Duration.ofSeconds(5));
    }

    assertThat(sim.switches).hasSizeGreaterThan(100);
  }

  @Test
  void decide_deadlineMissesWithinHoldDown_stepsDownAtOnce() {
    Sim sim = new Sim(Sim.settings(), null);
    assertThat(sim.tick().target()).isEqualTo("fp32");

    sim.resources = ResourceState.mains(4, 1.2); // predicted too slow, but the hold-down holds
    assertThat(sim.after(Duration.ofSeconds(5)).action()).isEqualTo(Action.HOLD);

    sim.scheduler = new SchedulerStats(0.2, 4.0);
    Decision escape = sim.after(SECOND);
    assertThat(escape.action()).isEqualTo(Action.SWITCH);
    assertThat(escape.target()).isEqualTo("int8");
    assertThat(escape.reason()).contains("deadline misses 20.0%");
  }

  @Test
  void decide_missesWhilePredictedToFit_picksAStrictlyFasterVariant() {
    Sim sim = new Sim(Sim.settings(), "int8");
    sim.scheduler = new SchedulerStats(0.0, 25.0); // queue older than the deadline: overloaded
    Decision d = sim.after(SECOND);

    assertThat(d.target()).isEqualTo("tiny");
    sim.scheduler = new SchedulerStats(0.5, 0);
    assertThat(sim.after(SECOND).reason()).contains("no allowed variant is faster than tiny");
  }

  @Test
  void decide_pinned_overridesPolicyAndHoldDown() {
    Sim sim = new Sim(Sim.settings(), null);
    sim.tick(); // fp32, hold-down starts
    sim.bounds = new Bounds(java.util.Set.of(), "tiny", 0);

    Decision d = sim.after(SECOND);
    assertThat(d.target()).isEqualTo("tiny");
    assertThat(d.reason()).contains("pinned");
    assertThat(sim.after(Duration.ofMinutes(5)).action()).isEqualTo(Action.HOLD);
    assertThat(sim.switchTargets()).containsExactly("fp32", "tiny");
  }

  @Test
  void decide_pinnedVariantNotInLadder_problemKeepsCurrent() {
    Sim sim = new Sim(Sim.settings(), "int8");
    sim.bounds = new Bounds(java.util.Set.of(), "ghost", 0);
    Decision d = sim.after(SECOND);

    assertThat(d.action()).isEqualTo(Action.PROBLEM);
    assertThat(d.target()).isEqualTo("int8");
    assertThat(d.reason()).contains("pinned variant ghost is not in the ladder [fp32, int8, tiny]");
  }

  @Test
  void decide_allowedSet_neverLeavesIt() {
    Sim sim = new Sim(Sim.settings(), null);
    sim.tick(); // fp32
    sim.bounds = new Bounds(java.util.Set.of("int8", "tiny"), null, 0);

    Decision d = sim.after(SECOND); // within hold-down, but fp32 is no longer allowed
    assertThat(d.target()).isEqualTo("int8");
    assertThat(d.reason()).contains("outside the bounds");
    for (int i = 0; i < 10; i++) sim.after(MINUTE);
    assertThat(sim.switchTargets()).containsExactly("fp32", "int8");
  }

  @Test
  void decide_minAccuracyNoVariantMeets_problemReportedCurrentKept() {
    Sim sim = new Sim(Sim.settings(), "int8");
    sim.bounds = new Bounds(java.util.Set.of("int8", "tiny"), null, 0.94);
    Decision d = sim.after(SECOND);

    assertThat(d.action()).isEqualTo(Action.PROBLEM);
    assertThat(d.target()).isEqualTo("int8");
    assertThat(d.reason()).contains("bounds unsatisfiable").contains("accuracy >= 0.940").contains("keeping int8");
    assertThat(sim.switches).isEmpty();
  }

  @Test
  void decide_minAccuracy_excludesLessAccurateEvenWhenTheyFitBetter() {
    Sim sim = new Sim(Sim.settings(), "int8");
    sim.resources = Sim.battery(0.05);
    sim.bounds = new Bounds(java.util.Set.of(), null, 0.9);
    Decision d = sim.after(SECOND);

    assertThat(d.action()).isEqualTo(Action.HOLD);
    assertThat(d.reason()).contains("nothing fits; least overloaded is int8");
  }

  @Test
  void decide_nothingFitsDeadline_leastOverloaded() {
    Sim sim = new Sim(Sim.settings(), null);
    sim.deadlineMs = 1;
    Decision d = sim.tick();

    assertThat(d.target()).isEqualTo("tiny");
    assertThat(d.reason()).contains("nothing fits");
  }

  @Test
  void decide_snapshot_listsEveryVariantPrediction() {
    Sim sim = new Sim(Sim.settings(), "fp32");
    sim.resources = ResourceState.mains(4, 2);
    Decision d = sim.after(SECOND);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> variants = (List<Map<String, Object>>) d.inputs().get("variants");
    assertThat(variants).extracting(v -> v.get("id")).containsExactly("fp32", "int8", "tiny");
    assertThat(variants.get(0)).containsEntry("predictedP99Ms", 12.0).containsEntry("fits", false);
    assertThat(d.inputs()).containsEntry("otherLoadCores", 2.0).containsEntry("limitMs", 8.0);
  }
  @Test
  void decide_rateBeyondVariantsThroughput_doesNotStepUp() {
    // 800 windows/s: fp32 needs 800 × 5 ms = 4.0 cores of inference, more than 85 % of 4 free cores,
    // although its 6 ms p99 fits the 8 ms limit; int8 needs 1.6 cores
    Sim sim = new Sim(Sim.settings(), "int8");
    sim.rateHz = 800;
    sim.resources = new ResourceState(4, 0, null, false, 0, 0.2 + 1.6);
    Decision d = sim.after(MINUTE);

    assertThat(d.action()).isEqualTo(Action.HOLD);
    assertThat(d.reason()).contains("int8").contains("cores");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> variants = (List<Map<String, Object>>) d.inputs().get("variants");
    assertThat((double) variants.get(0).get("predictedCores")).isCloseTo(4.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(variants.get(0)).containsEntry("fits", false);

    Sim unknownOwnLoad = new Sim(Sim.settings(), "int8");
    unknownOwnLoad.rateHz = 800;
    assertThat(unknownOwnLoad.after(MINUTE).target()).as("without the agent's CPU figure only p99 counts").isEqualTo("fp32");
  }

  @Test
  void decide_starvedVariantCannotKeepUp_stepsDownWithoutWaitingForMisses() {
    // fp32 gets all it can (3.5 cores) and still falls behind at 800/s; no misses reported yet
    Sim sim = new Sim(Sim.settings(), "fp32");
    sim.rateHz = 800;
    sim.resources = new ResourceState(4, 0, null, false, 0, 3.5);
    Decision d = sim.after(MINUTE);

    assertThat(d.isSwitch()).isTrue();
    assertThat(d.target()).isEqualTo("int8");
    assertThat(d.reason()).startsWith("step down").contains("cores");
  }
}
