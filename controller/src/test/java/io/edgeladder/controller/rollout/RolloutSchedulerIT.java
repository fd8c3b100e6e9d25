package io.edgeladder.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.TestBackend;
import io.edgeladder.controller.store.rollout.RolloutState;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RolloutSchedulerIT extends RolloutTestBase {
  RolloutSchedulerIT() {
    super(TestBackend.H2);
  }

  @Test
  void start_ticksTheEngineOnTheExecutor() throws Exception {
    agents(2);
    String id = engine.create(plan().build()).id();
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try (RolloutScheduler scheduler = RolloutScheduler.start(engine, executor, Duration.ofMillis(20))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (events(id, "stage.pushed").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(events(id, "stage.pushed")).as("canary pushed by a scheduled tick").hasSize(1);
      assertThat(rollout(id).state()).isEqualTo(RolloutState.RUNNING);
      assertThat(desired("a00")).isPresent();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void start_intervalNotPositive_rejected() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try {
      assertThatThrownBy(() -> RolloutScheduler.start(engine, executor, Duration.ZERO))
          .hasMessage("rollout tick interval must be > 0 but was PT0S");
    } finally {
      executor.shutdownNow();
    }
  }
}
