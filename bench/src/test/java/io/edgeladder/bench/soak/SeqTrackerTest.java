package io.edgeladder.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeqTrackerTest {
  private static final long MS = 1_000_000;

  @Test
  void results_inOrder_latencyFromSendAndNothingUnanswered() {
    SeqTracker t = new SeqTracker(8, 0);
    for (int w = 0; w < 4; w++) {
      t.sent(w * 10 * MS);
      t.result(w, true, "fp32", w * 10 * MS + (w + 1) * MS);
    }
    t.sweep(4);
    LogHistogram run = new LogHistogram();
    SeqTracker.Interval i = t.closeInterval(run);
    assertThat(i.counts()).isEqualTo(new SeqTracker.Tally(4, 4, 0, 0, 0, 0, 0, 0));
    assertThat(i.latency().count()).isEqualTo(4);
    assertThat(i.latency().maxMs()).isEqualTo(4.0);
    assertThat(i.latency().p50Ms()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(0.004)); // bucket of 2 us
    assertThat(run.count()).isEqualTo(4);
    assertThat(t.variants()).containsEntry("fp32", 4L);
  }

  @Test
  void sweep_windowWithoutResult_unansweredThenLateWhenItComes() {
    SeqTracker t = new SeqTracker(8, 0);
    t.sent(0);
    t.sent(MS);
    t.result(1, false, "qat", 3 * MS);
    t.sweep(2);
    assertThat(t.total().unanswered()).isEqualTo(1);
    t.result(0, true, "qat", 9 * MS);
    SeqTracker.Tally run = t.total();
    assertThat(run.unanswered()).isZero();
    assertThat(run.late()).isEqualTo(1);
    assertThat(run.reordered()).isEqualTo(1);
    assertThat(run.deadlineMissed()).isEqualTo(1);
    assertThat(t.closeInterval(new LogHistogram()).counts().unanswered()).isEqualTo(1); // the sweeping interval's
  }

  @Test
  void result_twiceOrUnknown_duplicateOrOutOfRange() {
    SeqTracker t = new SeqTracker(4, 0);
    t.sent(0);
    t.result(0, true, "fp32", MS);
    t.result(0, true, "fp32", MS);
    t.result(7, true, "fp32", MS); // never sent
    t.result(-1, true, "fp32", MS);
    SeqTracker.Tally run = t.total();
    assertThat(run.duplicates()).isEqualTo(1);
    assertThat(run.outOfRange()).isEqualTo(2);
    assertThat(run.results()).isEqualTo(1);
  }

  @Test
  void sent_ringWraps_oldestUnsweptWindowSettledBeforeItsSlotIsReused() {
    SeqTracker t = new SeqTracker(4, 0);
    for (int w = 0; w < 6; w++) {
      t.sent(w * MS);
    }
    t.result(5, true, "fp32", 7 * MS);
    t.result(0, true, "fp32", 8 * MS); // its slot now belongs to window 4
    SeqTracker.Tally run = t.total();
    assertThat(run.unanswered()).isEqualTo(2); // windows 0 and 1 left the ring without a result
    assertThat(run.outOfRange()).isEqualTo(1);
    t.sweep(Long.MAX_VALUE);
    assertThat(t.total().unanswered()).isEqualTo(5); // 0..4
  }

  @Test
  void warmUpWindows_notCounted() {
    SeqTracker t = new SeqTracker(8, 2);
    for (int w = 0; w < 4; w++) {
      t.sent(w * MS);
    }
    t.result(0, true, "fp32", 5 * MS);
    t.result(3, true, "fp32", 5 * MS);
    t.sweep(Long.MAX_VALUE);
    SeqTracker.Tally run = t.total();
    assertThat(run.sent()).isEqualTo(2);
    assertThat(run.results()).isEqualTo(1);
    assertThat(run.unanswered()).isEqualTo(1); // window 2; window 1 is warm-up
  }

  @Test
  void onMessage_agentResultJson_scansSeqDeadlineAndVariant() {
    SeqTracker t = new SeqTracker(8, 0);
    t.sent(0);
    t.onMessage("inference/a/p1", ("{\"agent\":\"a\",\"pipeline\":\"p1\",\"seq\":0,\"variant\":\"qat\","
        + "\"deadlineMet\":false}").getBytes(StandardCharsets.UTF_8), 2 * MS);
    assertThat(t.total().deadlineMissed()).isEqualTo(1);
    assertThat(t.variants()).containsOnlyKeys("qat");
  }

  @Test
  void capacity_notPowerOfTwo_rejected() {
    assertThatThrownBy(() -> new SeqTracker(6, 0)).hasMessageContaining("power of two");
    assertThat(SeqTracker.capacityFor(42_500)).isEqualTo(65_536);
    assertThat(SeqTracker.capacityFor(4)).isEqualTo(4);
  }
}
