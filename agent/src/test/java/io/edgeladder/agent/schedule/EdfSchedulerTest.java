package io.edgeladder.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.ingest.Window;
import io.edgeladder.agent.ingest.WindowPool;
import io.micrometer.core.instrument.MockClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EdfSchedulerTest {
  private final MockClock clock = new MockClock();
  private final WindowPool pool = new WindowPool(16, 1);
  private final RecordingProcessor processor = new RecordingProcessor();

  private Window window(long seq, long deadline) {
    Window w = pool.acquire();
    w.seq = seq;
    w.closedNanos = clock.monotonicTime();
    w.deadlineNanos = deadline;
    return w;
  }

  @Test
  void runOnce_twoPipelinesInterleaved_servesEarliestDeadlineFirst() throws Exception {
    EdfScheduler s = new EdfScheduler(1, 8, processor, clock);
    long now = clock.monotonicTime();
    s.accept(window(1, now + 300));
    s.accept(window(2, now + 100));
    s.accept(window(3, now + 200));
    while (s.runOnce(0, 0, TimeUnit.MILLISECONDS)) {
      // drain by hand
    }
    assertThat(processor.processed).containsExactly(2L, 3L, 1L);
    assertThat(pool.available()).isEqualTo(16);
  }

  @Test
  void runOnce_deadlineCannotBeMet_shedsInsteadOfRunning() throws Exception {
    processor.predicted = TimeUnit.MILLISECONDS.toNanos(5);
    EdfScheduler s = new EdfScheduler(1, 8, processor, clock);
    long now = clock.monotonicTime();
    s.accept(window(1, now + TimeUnit.MILLISECONDS.toNanos(10)));
    s.accept(window(2, now + TimeUnit.MILLISECONDS.toNanos(20)));
    clock.add(7, TimeUnit.MILLISECONDS); // window 1 would end at 12 ms > 10 ms
    s.runOnce(0, 0, TimeUnit.MILLISECONDS);
    s.runOnce(0, 0, TimeUnit.MILLISECONDS);
    assertThat(processor.shed).containsExactly("1:deadline");
    assertThat(processor.processed).containsExactly(2L);
  }

  @Test
  void accept_queueFull_shedsLatestDeadlineAsQueueFull() {
    EdfScheduler s = new EdfScheduler(1, 2, processor, clock);
    long now = clock.monotonicTime();
    s.accept(window(1, now + 100));
    s.accept(window(2, now + 200));
    s.accept(window(3, now + 50));
    assertThat(processor.shed).containsExactly("2:queue-full");
    assertThat(s.queued()).isEqualTo(2);
  }

  @Test
  void close_windowsStillQueued_shedsThemAsShutdown() {
    EdfScheduler s = new EdfScheduler(1, 4, processor, clock);
    s.accept(window(1, 100));
    s.accept(window(2, 200));
    s.close();
    assertThat(processor.shed).containsExactly("1:shutdown", "2:shutdown");
    assertThat(pool.available()).isEqualTo(16);
  }

  @Test
  void oldestQueueAgeNanos_advancesWithTheClock() {
    EdfScheduler s = new EdfScheduler(1, 4, processor, clock);
    assertThat(s.oldestQueueAgeNanos()).isZero();
    s.accept(window(1, clock.monotonicTime() + 1_000_000_000L));
    clock.add(3, TimeUnit.MILLISECONDS);
    assertThat(s.oldestQueueAgeNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(3));
  }

  private static final class RecordingProcessor implements WindowProcessor {
    final List<Long> processed = new ArrayList<>();
    final List<String> shed = new ArrayList<>();
    long predicted;

    @Override
    public void process(Window window, int worker, long startNanos) {
      processed.add(window.seq);
      window.release();
    }

    @Override
    public void shed(Window window, ShedReason reason) {
      shed.add(window.seq + ":" + reason.tag());
      window.release();
    }

    @Override
    public long predictedRunNanos(int pipeline) {
      return predicted;
    }
  }
}
