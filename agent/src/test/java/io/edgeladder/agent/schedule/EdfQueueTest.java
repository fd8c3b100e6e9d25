package io.edgeladder.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.agent.ingest.Window;
import io.edgeladder.agent.ingest.WindowPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EdfQueueTest {
  private final WindowPool pool = new WindowPool(64, 1);

  private Window window(long deadline) {
    Window w = pool.acquire();
    w.deadlineNanos = deadline;
    w.closedNanos = deadline - 100;
    return w;
  }

  @Test
  void poll_randomDeadlines_returnsEarliestFirst() {
    EdfQueue q = new EdfQueue(32);
    Random r = new Random(42);
    for (int i = 0; i < 32; i++) {
      assertThat(q.offer(window(r.nextInt(10_000)))).isNull();
    }
    List<Long> order = new ArrayList<>();
    for (Window w = q.poll(); w != null; w = q.poll()) {
      order.add(w.deadlineNanos);
    }
    assertThat(order).hasSize(32).isSorted();
  }

  @Test
  void poll_equalDeadlines_returnsInSequenceOrder() {
    // Windows cut from one message share a deadline; one worker must still publish them in order.
    EdfQueue q = new EdfQueue(32);
    Random r = new Random(7);
    List<Long> seqs = new ArrayList<>();
    for (long s = 0; s < 32; s++) {
      seqs.add(s);
    }
    java.util.Collections.shuffle(seqs, r);
    for (long s : seqs) {
      Window w = window(1_000);
      w.seq = s;
      q.offer(w);
    }
    List<Long> order = new ArrayList<>();
    for (Window w = q.poll(); w != null; w = q.poll()) {
      order.add(w.seq);
    }
    assertThat(order).hasSize(32).isSorted();
  }

  @Test
  void offer_fullAndNewIsLatest_rejectsNew() {
    EdfQueue q = new EdfQueue(2);
    q.offer(window(10));
    q.offer(window(20));
    Window late = window(30);
    assertThat(q.offer(late)).isSameAs(late);
    assertThat(q.size()).isEqualTo(2);
  }

  @Test
  void offer_fullAndNewIsEarlier_evictsLatestQueued() {
    EdfQueue q = new EdfQueue(3);
    q.offer(window(10));
    Window latest = window(50);
    q.offer(latest);
    q.offer(window(20));
    Window evicted = q.offer(window(5));
    assertThat(evicted).isSameAs(latest);
    assertThat(q.poll().deadlineNanos).isEqualTo(5);
    assertThat(q.poll().deadlineNanos).isEqualTo(10);
    assertThat(q.poll().deadlineNanos).isEqualTo(20);
    assertThat(q.poll()).isNull();
  }

  @Test
  void offer_manyEvictions_keepsTheEarliestDeadlines() {
    EdfQueue q = new EdfQueue(8);
    Random r = new Random(7);
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long d = r.nextInt(1_000_000);
      all.add(d);
      Window evicted = q.offer(window(d));
      if (evicted != null) {
        evicted.release();
      }
    }
    all.sort(null);
    List<Long> kept = new ArrayList<>();
    for (Window w = q.poll(); w != null; w = q.poll()) {
      kept.add(w.deadlineNanos);
      w.release();
    }
    assertThat(kept).containsExactlyElementsOf(all.subList(0, 8));
  }

  @Test
  void oldestClosedNanos_tracksMinimumCloseTime() {
    EdfQueue q = new EdfQueue(4);
    assertThat(q.oldestClosedNanos()).isEqualTo(Long.MAX_VALUE);
    q.offer(window(500));
    q.offer(window(300));
    assertThat(q.oldestClosedNanos()).isEqualTo(200);
  }

  @Test
  void constructor_zeroCapacity_namesTheSetting() {
    assertThatThrownBy(() -> new EdfQueue(0))
        .hasMessage("inference.queueCapacity must be > 0 but was 0");
  }
}
