package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.TestBackend;
import io.edgeladder.controller.store.rollout.AssignmentState;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.StageAssignment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two engines over one database (two controllers): the rollout's optimistic version decides who
 * acts, and an engine that lost stops before its next side effect. Latches hold one engine inside
 * its target call at a chosen point.
 */
@ParameterizedClass
@EnumSource(TestBackend.class)
@Timeout(120)
class RolloutConcurrencyTest extends RolloutTestBase {
  RolloutConcurrencyTest(TestBackend backend) {
    super(backend);
  }

  @Test
  void tick_twoEnginesOnTwoStores_neverIssueAnAgentTwice() throws Exception {
    agents(6);
    warmUp();
    String id = engine.create(plan().canary(StageSize.count(2)).build()).id();
    DesiredServiceTarget real = target();
    CountDownLatch inAssign = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    SimpleMeterRegistry metersA = new SimpleMeterRegistry();
    RolloutEngine a = new RolloutEngine(store.rollouts(), store.agents(), store.desiredStates(),
        (agent, model, sha, bounds, over) -> {
          if (calls.incrementAndGet() == 1) {
            inAssign.countDown();
            await(goOn);
          }
          return real.assign(agent, model, sha, bounds, over);
        }, clock, metersA);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Store second = Store.open(database.config(), FLEET, clock)) {
      RolloutEngine b = RolloutEngine.of(second, target(second), clock, new SimpleMeterRegistry());
      clock.advance(STEP);
      Future<?> tickA = pool.submit(() -> a.tick());
      assertThat(inAssign.await(30, TimeUnit.SECONDS)).isTrue();
      b.tick();
      goOn.countDown();
      tickA.get(30, TimeUnit.SECONDS);

      assertThat(metersA.get("edgeladder.rollout.conflicts").counter().count()).isGreaterThanOrEqualTo(1);
      assertThat(events(id, "stage.pushed")).as("B pushed, A stopped").hasSize(1);
      assertThat(desired("a00").orElseThrow().version()).isEqualTo(1);
      assertThat(desired("a01").orElseThrow().version()).isEqualTo(1);

      RolloutRecord r = rollout(id);
      for (int i = 0; i < 80 && !r.state().terminal(); i++) {
        clock.advance(STEP);
        fleet.step();
        CyclicBarrier together = new CyclicBarrier(2);
        Future<?> fa = pool.submit(() -> {
          await(together);
          a.tick();
        });
        Future<?> fb = pool.submit(() -> {
          await(together);
          b.tick();
        });
        fa.get(30, TimeUnit.SECONDS);
        fb.get(30, TimeUnit.SECONDS);
        r = rollout(id);
      }
      assertThat(r.state()).isEqualTo(RolloutState.COMPLETED);
    } finally {
      pool.shutdownNow();
    }
    assertThat(events(id, "stage.pushed")).hasSize(3);
    assertThat(store.rollouts().assignments(id))
        .allSatisfy(x -> assertThat(desired(x.agentId()).orElseThrow().version()).isEqualTo(1));
  }

  @Test
  void tick_staleEngineResumesAfterAnAbortRolledBack_stopsBeforeAssigningTheNextAgent() throws Exception {
    agents(4);
    warmUp();
    String id = engine.create(plan().canary(StageSize.count(2)).build()).id();
    DesiredServiceTarget real = target();
    CountDownLatch inAssign = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    RolloutEngine stale = new RolloutEngine(store.rollouts(), store.agents(), store.desiredStates(),
        (agent, model, sha, bounds, over) -> {
          long v = real.assign(agent, model, sha, bounds, over);
          if (calls.incrementAndGet() == 1) {
            inAssign.countDown();
            await(goOn);
          }
          return v;
        }, clock, new SimpleMeterRegistry());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      clock.advance(STEP);
      Future<?> tick = pool.submit(() -> stale.tick());
      assertThat(inAssign.await(30, TimeUnit.SECONDS)).isTrue();
      engine.abort(id, "operator");
      engine.tick();
      assertThat(rollout(id).state()).isEqualTo(RolloutState.ABORTED);
      goOn.countDown();
      tick.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(SimFleet.pipelineRelease(desired("a00").orElseThrow())).isEqualTo(PREV);
    assertThat(SimFleet.pipelineRelease(desired("a01").orElseThrow()))
        .as("the stale engine did not push the new release after the rollback").isEqualTo(PREV);
    assertThat(calls).hasValue(1);
  }

  /** Regression: a02 was issued twice when a second engine claimed the stage after the first's claim. */
  @Test
  void tick_otherEngineIssuesBetweenTargetReadAndIssue_agentIssuedOnce() throws Exception {
    agents(6);
    warmUp();
    String id = engine.create(plan().canary(StageSize.count(2)).build()).id();
    HeldDesiredReads reads = new HeldDesiredReads(store.desiredStates(), "a00");
    SimpleMeterRegistry metersA = new SimpleMeterRegistry();
    RolloutEngine a = new RolloutEngine(store.rollouts(), store.agents(), store.desiredStates(),
        target(store, reads), clock, metersA);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Store second = Store.open(database.config(), FLEET, clock)) {
      RolloutEngine b = RolloutEngine.of(second, target(second), clock, new SimpleMeterRegistry());
      clock.advance(STEP);
      Future<?> tickA = pool.submit(() -> a.tick());
      assertThat(reads.awaitHeld()).as("A claimed the canary and read a00's desired state").isTrue();
      assertThat(store.rollouts().assignments(id)).filteredOn(x -> x.stage() == 0)
          .extracting(StageAssignment::state).containsOnly(AssignmentState.ASSIGNING);
      b.tick();
      assertThat(desired("a00").orElseThrow().version()).as("B claimed again and issued").isEqualTo(1);
      reads.release();
      tickA.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(desired("a00").orElseThrow().version()).as("A found B's issue").isEqualTo(1);
    assertThat(desired("a01").orElseThrow().version()).isEqualTo(1);
    assertThat(awaitDesiredOnBroker(2).get("a00")).containsExactly(1L);
    assertThat(events(id, "stage.pushed")).as("B pushed, A lost its save").hasSize(1);
    assertThat(metersA.get("edgeladder.rollout.conflicts").counter().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void tick_staleEngineBetweenVersionCheckAndIssueWhenRolledBack_doesNotOverwriteTheRollback()
      throws Exception {
    agents(4);
    warmUp();
    String id = engine.create(plan().canary(StageSize.count(2)).build()).id();
    HeldDesiredReads reads = new HeldDesiredReads(store.desiredStates(), "a01");
    RolloutEngine stale = new RolloutEngine(store.rollouts(), store.agents(), store.desiredStates(),
        target(store, reads), clock, new SimpleMeterRegistry());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      clock.advance(STEP);
      Future<?> tick = pool.submit(() -> stale.tick());
      assertThat(reads.awaitHeld()).as("stale engine past its check for a01").isTrue();
      engine.abort(id, "operator");
      engine.tick();
      assertThat(rollout(id).state()).isEqualTo(RolloutState.ABORTED);
      reads.release();
      tick.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(SimFleet.pipelineRelease(desired("a00").orElseThrow())).isEqualTo(PREV);
    assertThat(desired("a01").orElseThrow().version()).as("only the rollback issued to a01").isEqualTo(1);
    assertThat(SimFleet.pipelineRelease(desired("a01").orElseThrow())).isEqualTo(PREV);
  }

  private static void await(Object latchOrBarrier) {
    try {
      if (latchOrBarrier instanceof CountDownLatch) {
        ((CountDownLatch) latchOrBarrier).await(30, TimeUnit.SECONDS);
      } else {
        ((CyclicBarrier) latchOrBarrier).await(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
