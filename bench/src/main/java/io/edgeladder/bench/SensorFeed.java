package io.edgeladder.bench;

import io.edgeladder.simulator.PayloadEncoder;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.VibrationSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

/**
 * Pre-encoded raw float32 LE sensor messages ({@code frames} frames of x, y, z) from the simulator's
 * {@link VibrationSource}, cycled so that generating samples costs nothing while measuring. Real
 * vibration data, so the decoder and model see realistic values; the content does not change the timing.
 */
public final class SensorFeed {
  private static final int DISTINCT = 64;

  private final byte[][] payloads;
  private final int frames;

  public SensorFeed(int frames, double sampleRateHz, long seed) {
    if (frames < 1) {
      throw new IllegalArgumentException("sensor feed frames must be >= 1 but was " + frames);
    }
    this.frames = frames;
    VibrationSource source = VibrationSource.of(seed, Math.max(1000, Math.min(20000, sampleRateHz)));
    PayloadEncoder encoder = PayloadFormat.RAW.newEncoder();
    float[] block = new float[3 * frames];
    payloads = new byte[DISTINCT][];
    for (int i = 0; i < DISTINCT; i++) {
      source.next(block, frames);
      encoder.encode(block, frames, "bench", 0, sampleRateHz);
      payloads[i] = encoder.toByteArray();
    }
  }

  /** Message {@code n}'s payload; Paho keeps the array until sent, and it is never modified. */
  public byte[] payload(long n) {
    return payloads[(int) (n % DISTINCT)];
  }

  int frames() {
    return frames;
  }

  int payloadBytes() {
    return payloads[0].length;
  }

  /** Floats of message 0, channel-interleaved, for inputs that only need realistic values. */
  public float[] samples() {
    float[] out = new float[3 * frames];
    ByteBuffer b = ByteBuffer.wrap(payloads[0]).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getFloat();
    }
    return out;
  }

  /**
   * Parks until monotonic time {@code dueNanos}. No spinning: on a 2-core gateway a spinning publisher
   * would steal the core the agent runs on. Sends may start up to ~0.1 ms late; latencies are measured
   * from the actual send, so lateness does not bias them.
   */
  public static void awaitNanos(long dueNanos) {
    long wait;
    while ((wait = dueNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }
}
