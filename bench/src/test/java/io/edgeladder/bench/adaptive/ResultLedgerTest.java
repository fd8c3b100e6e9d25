package io.edgeladder.bench.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.InferenceResultWriter;
import io.edgeladder.protocol.JsonBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultLedgerTest {
  private static byte[] result(String variant, long seq, boolean met, int top) {
    InferenceResultWriter w = new InferenceResultWriter("bench", "p1", "vibration-cnn", List.of("a", "b", "c"));
    w.variant(variant, "ab12");
    JsonBuffer json = w.write(seq, 1_000, 2_000, 10, 20, met, top, new float[] {0.2f, 0.3f, 0.5f});
    return Arrays.copyOf(json.array(), json.length());
  }

  @Test
  void onMessage_agentResults_recordsVariantDeadlineAndClassPerSeq() throws Exception {
    ResultLedger l = new ResultLedger(10);
    l.onMessage("t", result("fp32", 0, true, 2), 100);
    l.onMessage("t", result("qat", 1, false, 1), 200);
    assertThat(l.variant(0)).isEqualTo("fp32");
    assertThat(l.variant(1)).isEqualTo("qat");
    assertThat(l.deadlineMet(0)).isTrue();
    assertThat(l.deadlineMet(1)).isFalse();
    assertThat(l.topIndex(0)).isEqualTo(2);
    assertThat(l.topIndex(1)).isEqualTo(1);
    assertThat(l.receivedNanos(1)).isEqualTo(200);
    assertThat(l.variant(2)).isNull();
    assertThat(l.topIndex(2)).isEqualTo(-1);
    assertThat(l.deadlineMet(2)).isFalse();
    assertThat(l.mismatches()).isZero();
  }

  @Test
  void onMessage_sameSeqTwice_countsDuplicateAndKeepsFirst() throws Exception {
    ResultLedger l = new ResultLedger(10);
    l.onMessage("t", result("fp32", 4, true, 0), 100);
    l.onMessage("t", result("qat", 4, true, 0), 200);
    assertThat(l.duplicates()).isEqualTo(1);
    assertThat(l.receivedNanos(4)).isEqualTo(100);
    assertThat(l.variant(4)).isEqualTo("fp32");
  }

  @Test
  void onMessage_lowerSeqAfterHigher_countsReordered() throws Exception {
    ResultLedger l = new ResultLedger(10);
    l.onMessage("t", result("fp32", 0, true, 0), 1);
    l.onMessage("t", result("fp32", 2, true, 0), 2);
    l.onMessage("t", result("fp32", 1, true, 0), 3);
    l.onMessage("t", result("fp32", 3, true, 0), 4);
    assertThat(l.reordered()).isEqualTo(1);
    assertThat(l.highestSeq()).isEqualTo(3);
  }

  @Test
  void onMessage_seqBeyondCapacity_countedOutOfRangeNotStored() throws Exception {
    ResultLedger l = new ResultLedger(2);
    l.onMessage("t", result("fp32", 7, true, 0), 1);
    assertThat(l.outOfRange()).isEqualTo(1);
    assertThat(l.highestSeq()).isEqualTo(-1);
  }

  @Test
  void awaitSeq_notYetArrived_timesOutFalse() throws Exception {
    ResultLedger l = new ResultLedger(4);
    l.onMessage("t", result("fp32", 1, true, 0), 1);
    assertThat(l.awaitSeq(1, 0)).isTrue();
    assertThat(l.awaitSeq(2, 1_000_000)).isFalse();
  }
}
