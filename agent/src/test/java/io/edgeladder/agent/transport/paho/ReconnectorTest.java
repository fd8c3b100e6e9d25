package io.edgeladder.agent.transport.paho;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectorTest {
  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<Long> attemptsAt = new ArrayList<>();
  private long clockMs;
  private final Reconnector reconnector =
      new Reconnector(scheduler, () -> attemptsAt.add(clockMs), 1_000, 8_000);

  private void advance(long millis) {
    for (long i = 0; i < millis; i += 100) {
      clockMs += 100;
      scheduler.advance(100);
    }
  }

  @Test
  void connectionLost_failingAttempts_delayDoublesUpToMax() {
    reconnector.connectionLost();
    advance(1_000);
    assertThat(attemptsAt).containsExactly(1_000L);

    reconnector.attemptFailed(); // next in 2 s
    advance(2_000);
    reconnector.attemptFailed(); // 4 s
    advance(4_000);
    reconnector.attemptFailed(); // 8 s
    advance(8_000);
    reconnector.attemptFailed(); // capped at 8 s
    advance(8_000);

    assertThat(attemptsAt).containsExactly(1_000L, 3_000L, 7_000L, 15_000L, 23_000L);
  }

  @Test
  void connected_afterFailures_nextLossStartsAtMinimumAgain() {
    reconnector.connectionLost();
    advance(1_000);
    reconnector.attemptFailed();
    advance(2_000);
    reconnector.connected();

    reconnector.connectionLost();
    assertThat(scheduler.pendingDelays()).containsExactly(1_000L);
  }

  @Test
  void stop_withAttemptPending_noAttemptRuns() {
    reconnector.connectionLost();
    reconnector.stop();
    advance(10_000);
    reconnector.attemptFailed();
    advance(10_000);
    assertThat(attemptsAt).isEmpty();
    assertThat(reconnector.isScheduled()).isFalse();
  }

  @Test
  void connectionLost_twiceBeforeAttempt_schedulesOnce() {
    reconnector.connectionLost();
    reconnector.connectionLost();
    assertThat(scheduler.pendingDelays()).hasSize(1);
  }

  @Test
  void attempt_throws_countsAsFailedAndRetries() {
    List<Integer> calls = new ArrayList<>();
    Reconnector throwing = new Reconnector(scheduler, () -> {
      calls.add(1);
      throw new IllegalStateException("client refused to connect");
    }, 1_000, 8_000);
    throwing.connectionLost();
    scheduler.advance(1_000);
    assertThat(calls).hasSize(1);
    assertThat(scheduler.pendingDelays()).containsExactly(2_000L);
  }
}
