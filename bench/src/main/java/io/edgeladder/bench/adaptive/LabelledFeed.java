package io.edgeladder.bench.adaptive;

import io.edgeladder.simulator.Condition;
import io.edgeladder.simulator.MachineProfile;
import io.edgeladder.simulator.PayloadEncoder;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.VibrationSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pre-encoded raw float32 LE sensor messages of {@code frames} frames (x, y, z) from the simulator, with
 * the machine condition injected into each: the conditions take turns by segment of {@code segmentMessages}
 * messages, every segment a fresh continuous stream (machine instance, shaft speed and noise drawn as
 * {@code DatasetWriter} draws them, within the given noise range). The cycle of {@code segments} segments
 * repeats, so generating costs nothing while measuring.
 *
 * <p>Window arithmetic: window {@code s} covers stream frames {@code [hop·s, hop·s + windowSize)}; it is
 * closed by the message holding its last frame, and it is labelled when all its frames come from one
 * segment. Immutable after construction; any thread.
 */
final class LabelledFeed {
  private final byte[][] payloads;
  private final Condition[] conditions;
  private final int frames;
  private final int windowSize;
  private final int hop;
  private final int segmentMessages;

  /**
   * @param frames frames per message
   * @param windowSize frames per window (the model's)
   * @param hop frames between windows
   * @param segments segments in the cycle; segment {@code k} has condition {@code k % 5}
   * @param segmentMessages messages per segment; one segment must hold at least one window
   * @param noise lowest and highest noise standard deviation drawn per segment, m/s²
   */
  LabelledFeed(int frames, int windowSize, int hop, int segments, int segmentMessages, double[] noise, long seed) {
    if (frames < 1 || hop < 1 || windowSize < 1 || segments < 1 || segmentMessages < 1
        || (long) segmentMessages * frames < windowSize) {
      throw new IllegalArgumentException("labelled feed needs frames, hop, windowSize, segments >= 1 and a segment"
          + " of at least one window but got frames=" + frames + " windowSize=" + windowSize + " hop=" + hop
          + " segments=" + segments + " segmentMessages=" + segmentMessages);
    }
    if (!(noise[0] >= 0 && noise[0] <= noise[1])) {
      throw new IllegalArgumentException("labelled feed noise must be 0 <= low <= high but was " + noise[0] + ", "
          + noise[1]);
    }
    this.frames = frames;
    this.windowSize = windowSize;
    this.hop = hop;
    this.segmentMessages = segmentMessages;
    double rate = 10_000;
    SplittableRandom rng = new SplittableRandom(seed);
    List<MachineProfile> machines = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      machines.add(MachineProfile.random(rng));
    }
    payloads = new byte[segments * segmentMessages][];
    conditions = new Condition[payloads.length];
    PayloadEncoder encoder = PayloadFormat.RAW.newEncoder();
    float[] block = new float[3 * frames];
    for (int k = 0; k < segments; k++) {
      Condition c = Condition.ofIndex(k % Condition.values().length);
      double shaft = rng.nextDouble(15, 45);
      VibrationSource source = new VibrationSource(machines.get(rng.nextInt(machines.size())), rng.nextLong(), rate)
          .condition(c).shaftHz(shaft)
          .noise(rng.nextDouble(noise[0], Math.nextUp(noise[1])))
          .speedWalk(0.02 * shaft, 15, 45);
      for (int m = 0; m < segmentMessages; m++) {
        int n = k * segmentMessages + m;
        source.next(block, frames);
        encoder.encode(block, frames, "bench", 0, rate);
        payloads[n] = encoder.toByteArray();
        conditions[n] = c;
      }
    }
  }

  /** Message {@code n}'s payload (never modified). */
  byte[] payload(long n) {
    return payloads[(int) (n % payloads.length)];
  }

  Condition condition(long message) {
    return conditions[(int) (message % conditions.length)];
  }

  /** Index of the message whose arrival closes window {@code seq}. */
  long closingMessage(long seq) {
    return (hop * seq + windowSize - 1) / frames;
  }

  /** Windows closed by messages {@code 0..m}. */
  long windowsThrough(long m) {
    long framesSent = (m + 1) * frames;
    return framesSent < windowSize ? 0 : (framesSent - windowSize) / hop + 1;
  }

  /** Class index injected into every frame of window {@code seq}, or -1 when it spans two segments. */
  int label(long seq) {
    long first = hop * seq / frames;
    long last = closingMessage(seq);
    return first / segmentMessages == last / segmentMessages ? condition(last).index() : -1;
  }

  int frames() {
    return frames;
  }

  int payloadBytes() {
    return payloads[0].length;
  }
}
