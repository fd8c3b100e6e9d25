package io.edgeladder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.InferenceResultWriter;
import io.edgeladder.protocol.JsonBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTrackerTest {
  private static byte[] result(long seq) {
    InferenceResultWriter w = new InferenceResultWriter("bench", "p1", "tiny-conv", List.of("a", "b"));
    w.variant("base", "00");
    JsonBuffer json = w.write(seq, 1_000, 2_000, 10, 20, true, 1, new float[] {0.25f, 0.75f});
    return Arrays.copyOf(json.array(), json.length());
  }

  @Test
  void scanSeq_agentResult_readsTheSeqTheWriterWrote() {
    assertThat(ResultTracker.scanSeq(result(123456789L))).isEqualTo(123456789L);
  }

  @Test
  void scanSeq_noSeqKey_minusOne() {
    assertThat(ResultTracker.scanSeq("{\"sequence\":5}".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
    assertThat(ResultTracker.scanSeq("{\"seq\":\"x\"}".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
  }

  @Test
  void onMessage_resultsOutOfOrderAndDuplicated_stampsFirstArrivalAndTracksHighest() throws Exception {
    ResultTracker t = new ResultTracker(10);
    t.onMessage("t", result(3), 300);
    t.onMessage("t", result(1), 100);
    t.onMessage("t", result(3), 999);
    t.onMessage("t", result(42), 1);
    assertThat(t.receivedNanos(3)).isEqualTo(300);
    assertThat(t.receivedNanos(1)).isEqualTo(100);
    assertThat(t.receivedNanos(2)).isZero();
    assertThat(t.highestSeq()).isEqualTo(42);
    assertThat(t.duplicates()).isEqualTo(1);
    assertThat(t.outOfRange()).isEqualTo(1);
    assertThat(t.mismatches()).isZero();
    assertThat(t.resultBytes()).isEqualTo(result(3).length);
  }

  @Test
  void awaitSeq_notYetArrived_timesOutFalseThenTrueOnceArrived() throws Exception {
    ResultTracker t = new ResultTracker(10);
    assertThat(t.awaitSeq(2, 0)).isFalse();
    t.onMessage("t", result(2), 5);
    assertThat(t.awaitSeq(2, 0)).isTrue();
  }
}
