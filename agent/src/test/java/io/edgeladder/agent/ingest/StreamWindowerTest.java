package io.edgeladder.agent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamWindowerTest {
  private static final long DEADLINE = 40_000_000L;

  /** What the sink saw, copied so the window can go back to the pool at once. */
  record Cut(long seq, int pipeline, float[] data, long startMillis, long endMillis, long closed, long deadline) {}

  private final List<Cut> cuts = new ArrayList<>();
  private final WindowSink releasingSink = w -> {
    cuts.add(new Cut(w.seq, w.pipeline, w.data.clone(), w.startMillis, w.endMillis, w.closedNanos, w.deadlineNanos));
    w.release();
  };

  private StreamWindower windower(int channels, int size, int hop, float[] mean, float[] std, WindowPool pool,
      WindowSink sink) {
    return new StreamWindower(3, channels, size, hop, mean, std, 50.0, pool, sink, DEADLINE);
  }

  /** Frame f, channel c of a synthetic stream: distinct, exactly representable values. */
  private static float sample(int f, int c) {
    return f * 10 + c + 0.5f;
  }

  /** The expected window from first principles: frames [start, start+size), channel-first, normalised. */
  private static float[] expected(int start, int size, int channels, float[] mean, float[] std) {
    float[] w = new float[channels * size];
    for (int c = 0; c < channels; c++) {
      for (int t = 0; t < size; t++) {
        w[c * size + t] = (sample(start + t, c) - mean[c]) / std[c];
      }
    }
    return w;
  }

  /** Feeds frames [from, from+count) of the synthetic stream as one message. */
  private static void feed(StreamWindower w, int channels, int from, int count, long nanos, long wallMillis) {
    float[] msg = new float[count * channels];
    for (int f = 0; f < count; f++) {
      for (int c = 0; c < channels; c++) {
        msg[f * channels + c] = sample(from + f, c);
      }
    }
    w.append(msg, count, nanos, wallMillis);
  }

  @ParameterizedTest(name = "C={0} L={1} H={2} seed={3}")
  @CsvSource({
    "1, 4, 2, 1", "3, 5, 1, 2", "3, 5, 5, 3", "2, 4, 7, 4", "3, 100, 25, 5", "2, 6, 4, 6", "1, 1, 1, 7", "2, 3, 10, 8"
  })
  void append_randomMessageSizes_windowsMatchReference(int channels, int size, int hop, long seed) {
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      mean[c] = c * 3 - 1;
      std[c] = 0.5f + c;
    }
    StreamWindower w = windower(channels, size, hop, mean, std, new WindowPool(2, channels * size), releasingSink);
    SplittableRandom rnd = new SplittableRandom(seed);
    int total = 0;
    while (total < 20 * size + 3 * hop) {
      int n = rnd.nextInt(0, 2 * size + 3); // includes empty messages and messages spanning several windows
      feed(w, channels, total, n, total, total);
      total += n;
    }

    int expectedWindows = total < size ? 0 : (total - size) / hop + 1;
    assertThat(cuts).hasSize(expectedWindows);
    for (int k = 0; k < cuts.size(); k++) {
      assertThat(cuts.get(k).seq()).isEqualTo(k);
      assertThat(cuts.get(k).pipeline()).isEqualTo(3);
      assertThat(cuts.get(k).data()).as("window %d", k).containsExactly(expected(k * hop, size, channels, mean, std));
    }
    assertThat(w.framesIn()).isEqualTo(total);
    assertThat(w.windowsCut()).isEqualTo(expectedWindows);
    assertThat(w.shedNoBuffer()).isZero();
  }

  @Test
  void append_hopBelowSize_overlappingWindowsChannelFirstNormalised() {
    float[] mean = {1f, -2f};
    float[] std = {2f, 4f};
    StreamWindower w = windower(2, 3, 2, mean, std, new WindowPool(1, 6), releasingSink);

    w.append(new float[] {1, -2, 3, 2, 5, 6, 7, 10}, 4, 100, 1000);
    w.append(new float[] {9, 14}, 1, 200, 1020);

    assertThat(cuts).hasSize(2);
    // frames 0..2: x = 1,3,5 -> (x-1)/2 ; y = -2,2,6 -> (y+2)/4
    assertThat(cuts.get(0).data()).containsExactly(0f, 1f, 2f, 0f, 1f, 2f);
    // frames 2..4: x = 5,7,9 ; y = 6,10,14
    assertThat(cuts.get(1).data()).containsExactly(2f, 3f, 4f, 2f, 3f, 4f);
  }

  @Test
  void append_hopEqualsSize_adjacentWindows() {
    StreamWindower w = windower(1, 2, 2, new float[] {0}, new float[] {1}, new WindowPool(1, 2), releasingSink);
    w.append(new float[] {1, 2, 3, 4, 5}, 5, 0, 0);
    assertThat(cuts).extracting(c -> Arrays.toString(c.data())).containsExactly("[1.0, 2.0]", "[3.0, 4.0]");
  }

  @Test
  void append_hopAboveSize_gapsSkipped() {
    StreamWindower w = windower(1, 2, 3, new float[] {0}, new float[] {1}, new WindowPool(1, 2), releasingSink);
    for (int i = 1; i <= 9; i++) {
      w.append(new float[] {i}, 1, i, i);
    }
    assertThat(cuts).extracting(c -> Arrays.toString(c.data()))
        .containsExactly("[1.0, 2.0]", "[4.0, 5.0]", "[7.0, 8.0]");
  }

  @Test
  void append_singleFrames_ringWrapsManyTimes() {
    StreamWindower w = windower(1, 3, 1, new float[] {0}, new float[] {1}, new WindowPool(1, 3), releasingSink);
    for (int i = 0; i < 50; i++) {
      w.append(new float[] {i}, 1, i, i);
    }
    assertThat(cuts).hasSize(48);
    assertThat(cuts.get(47).data()).containsExactly(47f, 48f, 49f);
    assertThat(cuts.get(20).data()).containsExactly(20f, 21f, 22f);
  }

  @Test
  void append_windowClosesMidMessage_timesFromItsLastFrame() {
    // 50 Hz: 20 ms per frame. L=4 spans 60 ms. The message of 6 frames ends at wall 10_000.
    StreamWindower w = windower(1, 4, 2, new float[] {0}, new float[] {1}, new WindowPool(4, 4), releasingSink);
    w.append(new float[6], 6, 5_000_000L, 10_000L);

    assertThat(cuts).hasSize(2);
    Cut first = cuts.get(0); // closed at frame 3, 2 frames before the message's last
    assertThat(first.endMillis()).isEqualTo(9_960L);
    assertThat(first.startMillis()).isEqualTo(9_900L);
    assertThat(first.closed()).isEqualTo(5_000_000L);
    assertThat(first.deadline()).isEqualTo(5_000_000L + DEADLINE);
    Cut second = cuts.get(1); // closed by the message's last frame
    assertThat(second.endMillis()).isEqualTo(10_000L);
    assertThat(second.startMillis()).isEqualTo(9_940L);
    assertThat(second.seq()).isEqualTo(1);
  }

  @Test
  void append_poolExhausted_shedCountedAndSeqAdvances() {
    List<Window> held = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    WindowSink holding = x -> {
      held.add(x);
      seqs.add(x.seq);
    };
    StreamWindower w = windower(1, 2, 1, new float[] {0}, new float[] {1}, new WindowPool(2, 2), holding);

    w.append(new float[] {1, 2, 3, 4, 5}, 5, 0, 0); // 4 windows, pool of 2
    assertThat(seqs).containsExactly(0L, 1L);
    assertThat(w.windowsCut()).isEqualTo(4);
    assertThat(w.shedNoBuffer()).isEqualTo(2);

    held.get(0).release();
    w.append(new float[] {6}, 1, 0, 0);
    assertThat(seqs).containsExactly(0L, 1L, 4L);
    assertThat(held.get(2).data).containsExactly(5f, 6f);
    assertThat(w.windowsCut()).isEqualTo(5);
    assertThat(w.shedNoBuffer()).isEqualTo(2);
  }

  @Test
  void new_invalidParameters_rejectedWithName() {
    WindowPool pool = new WindowPool(1, 6);
    float[] m = {0, 0};
    float[] s = {1, 1};
    WindowSink sink = x -> {};
    assertThatThrownBy(() -> new StreamWindower(0, 2, 3, 0, m, s, 50, pool, sink, 1))
        .hasMessage("window.hop must be >= 1 but was 0");
    assertThatThrownBy(() -> new StreamWindower(0, 2, 3, 1, m, new float[] {1, 0}, 50, pool, sink, 1))
        .hasMessage("window.std[1] must be > 0 and finite but was 0.0");
    assertThatThrownBy(() -> new StreamWindower(0, 2, 4, 1, m, s, 50, pool, sink, 1))
        .hasMessageContaining("pool holds windows of 6 floats but channels * size = 8");
    assertThatThrownBy(() -> new StreamWindower(0, 2, 3, 1, new float[] {0}, s, 50, pool, sink, 1))
        .hasMessage("window.mean must have 2 values but has 1");
    assertThatThrownBy(() -> new StreamWindower(0, 2, 3, 1, m, s, 0, pool, sink, 1))
        .hasMessageContaining("window.sampleRate must be > 0");
  }

  @Test
  void append_frameCountBeyondArray_rejected() {
    StreamWindower w = windower(2, 3, 1, new float[2], new float[] {1, 1}, new WindowPool(1, 6), releasingSink);
    assertThatThrownBy(() -> w.append(new float[4], 3, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was 3");
  }
}
