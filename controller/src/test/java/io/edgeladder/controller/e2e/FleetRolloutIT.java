package io.edgeladder.controller.e2e;

import static io.edgeladder.controller.e2e.FleetInstallIT.AGENTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.rollout.Gates;
import io.edgeladder.controller.rollout.RolloutPlan;
import io.edgeladder.controller.rollout.RolloutStatus;
import io.edgeladder.controller.rollout.StageSize;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.rollout.AssignmentState;
import io.edgeladder.controller.store.rollout.GateResult;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.StageAssignment;
import io.edgeladder.protocol.dist.Artifact;
import io.edgeladder.protocol.fleet.Bounds;
import io.edgeladder.protocol.fleet.DesiredState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollouts driven by the controller's own engine over three real agents that serve the committed ladder: a
 * canary pinned to a variant that really misses its deadlines (more CPU per window than the deadline allows)
 * fails the miss-rate gate from the heartbeats it sends and the rollout rolls back by itself; a controller
 * closed mid-rollout and started again on the same data folder resumes the rollout and completes it.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FleetRolloutIT {
  private static final Duration ROLLOUT_WAIT = Duration.ofSeconds(150);

  @TempDir Path dir;
  private FleetRig rig;
  private String previous;

  @BeforeEach
  void setUp() throws Exception {
    rig = FleetRig.start(dir, null);
    FleetInstallIT.installedByAllThree(rig);
    previous = rig.observer.lastReported("gw-1").pipelines().get(0).releaseSha();
  }

  @AfterEach
  void tearDown() throws Exception {
    rig.close();
  }

  /**
   * Canary of one agent, then the rest; gates on miss and error rate only (p99 against the previous release
   * would also catch the slow variant, but the test is about deadline misses).
   */
  private static RolloutPlan plan(String releaseSha, Duration soak, double maxMissRate, Bounds bounds) {
    return RolloutPlan.builder(FleetRig.MODEL, releaseSha).selector(LabelSelector.parse(FleetRig.SITE))
        .canary(StageSize.count(1)).waves(StageSize.percent(100)).soak(soak).applyTimeout(Duration.ofSeconds(120))
        .gates(new Gates(maxMissRate, 0.5, null, 2, Duration.ofSeconds(30))).bounds(bounds).build();
  }

  @Test
  void canary_variantMissesDeadlines_rolloutRollsBackByItself() throws Exception {
    String slow = rig.publish(E2eLadders.withExtraRung(dir.resolve("slow"), E2eLadders.SLOW, E2eLadders.SLOW_MATMULS));
    String slowSha = rig.release(slow).artifacts().stream().filter(a -> a.variantId().equals(E2eLadders.SLOW))
        .findFirst().orElseThrow().sha256();
    String id = rig.controller().rollouts()
        .create(plan(slow, Duration.ofSeconds(6), 0.25, new Bounds(List.of(), E2eLadders.SLOW, 0))).id();

    RolloutStatus s = awaitRollout(id, st -> st.rollout().state().terminal());

    assertThat(s.rollout().state()).as("%s%s", s, rig.observer.diagnostics()).isEqualTo(RolloutState.ROLLED_BACK);
    assertThat(s.rollout().previousReleaseSha()).isEqualTo(previous);
    assertThat(s.gateResults()).filteredOn(g -> g.gate().equals("missRate")).singleElement()
        .satisfies(g -> assertThat(g.passed()).isFalse()).satisfies(g -> assertThat(g.stage()).isZero());
    assertThat(s.assignments()).filteredOn(a -> a.stage() == 0).extracting(StageAssignment::agentId)
        .containsExactly("gw-1");
    assertThat(s.assignments()).filteredOn(a -> a.stage() == 0).extracting(StageAssignment::state)
        .containsExactly(AssignmentState.ROLLED_BACK);
    assertThat(rig.observer.results("gw-1")).as("gw-1 really served the slow variant and missed")
        .anyMatch(r -> r.sha256().equals(slowSha) && !r.deadlineMet());
    assertThat(desiredRelease("gw-1")).isEqualTo(previous);
    Set<String> previousShas = rig.release(previous).artifacts().stream().map(Artifact::sha256)
        .collect(Collectors.toSet());
    rig.await("gw-1 back on the previous release and serving it", FleetInstallIT.WAIT,
        () -> FleetInstallIT.servesRung(rig, "gw-1", previous, previousShas, Set.of("fp32", "qat")));
    for (String other : List.of("gw-2", "gw-3")) {
      assertThat(rig.observer.results(other)).as(other).noneMatch(r -> r.sha256().equals(slowSha));
      assertThat(desiredRelease(other)).isEqualTo(previous);
    }
  }

  @Test
  void controller_restartedMidRollout_resumesAndCompletes() throws Exception {
    String next = rig.publish(E2eLadders.rebuilt(dir.resolve("next"), "2026-11-24T04:00:00Z"));
    String id = rig.controller().rollouts().create(plan(next, Duration.ofSeconds(4), 0.5, null)).id();
    awaitRollout(id, st -> st.assignments().stream().anyMatch(a -> a.stage() == 0
        && a.state() == AssignmentState.APPLIED));
    RolloutStatus mid = rig.controller().rollouts().status(id).orElseThrow();
    assertThat(mid.rollout().state()).isEqualTo(RolloutState.RUNNING);
    assertThat(mid.assignments()).filteredOn(a -> a.stage() > 0).extracting(StageAssignment::state)
        .containsOnly(AssignmentState.PENDING);

    rig.stopController();
    rig.startController();

    RolloutStatus s = awaitRollout(id, st -> st.rollout().state().terminal());
    assertThat(s.rollout().state()).as("%s%s", s, rig.observer.diagnostics()).isEqualTo(RolloutState.COMPLETED);
    assertThat(s.gateResults()).extracting(GateResult::passed).containsOnly(true);
    for (String agent : AGENTS) {
      assertThat(desiredRelease(agent)).isEqualTo(next);
      rig.await(agent + " APPLIED " + next, FleetInstallIT.WAIT, () -> FleetInstallIT.applied(rig, agent, next));
    }
  }

  /** Waits for the rollout, ticking the engine by hand between the controller's own 5 s ticks. */
  private RolloutStatus awaitRollout(String id, Predicate<RolloutStatus> done) throws InterruptedException {
    long deadline = System.nanoTime() + ROLLOUT_WAIT.toNanos();
    while (true) {
      rig.controller().rollouts().tick();
      RolloutStatus s = rig.controller().rollouts().status(id).orElseThrow();
      if (done.test(s)) return s;
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("rollout " + id + " did not get there in " + ROLLOUT_WAIT.toSeconds() + " s: " + s
            + rig.observer.diagnostics());
      }
      Thread.sleep(250);
    }
  }

  private String desiredRelease(String agent) throws Exception {
    String json = rig.controller().store().desiredStates().get(agent).orElseThrow().desired().orElseThrow().json();
    return DesiredState.parse(json.getBytes(StandardCharsets.UTF_8)).pipelines().get(0).releaseSha();
  }
}
