package io.edgeladder.agent.ingest;

import java.util.Objects;

/**
 * Cuts one pipeline's decoded frames into overlapping ({@code hop < size}), adjacent
 * ({@code hop == size}) or gapped ({@code hop > size}) windows, normalised for the model.
 *
 * <p>Samples are normalised once, as they arrive ({@code (x - mean[c]) / std[c]}), into a
 * channel-first ring of exactly {@code size} frames. A window is cut the moment its last frame is
 * written, so the ring never needs to hold more than one window however large a message is; cutting
 * copies at most two contiguous runs per channel into a pooled {@link Window}. Nothing is allocated
 * per message or per window.
 *
 * <p>Window timing: {@code closedNanos} is the arrival time of the message that completed the window,
 * {@code deadlineNanos = closedNanos + deadline}. {@code endMillis} is the wall time of the window's
 * last frame: {@code arrivalWallMillis} (the time of the message's last frame), minus
 * {@code k * 1000 / sampleRate} when the window closed {@code k} frames before the end of the message;
 * {@code startMillis = endMillis - (size - 1) * 1000 / sampleRate} (both rounded to the millisecond).
 * SenML pipelines may pass {@link PayloadDecoder#lastSampleTimeMillis()} as {@code arrivalWallMillis}
 * to use the sensor's own clock.
 *
 * <p>Threads: {@link #append} is called only from the transport's receive thread, which is the only
 * writer of the counters; any thread (metrics) may read them.
 */
public final class StreamWindower {
  private final int pipeline;
  private final int channels;
  private final int size;
  private final int hop;
  private final float[] mean;
  private final float[] std;
  private final double millisPerSample;
  private final long spanMillis;
  private final long deadlineNanos;
  private final WindowPool pool;
  private final WindowSink sink;
  /** Normalised samples, channel-first: channel c's ring is {@code [c * size, (c + 1) * size)}. */
  private final float[] ring;

  private int writePos; // ring slot of the next frame
  private long written; // frames appended since start
  private long nextEnd; // value of `written` at which the next window closes
  private long seq;

  // Written only by the receive thread (single writer, so `x = x + n` is safe); volatile for readers.
  private volatile long framesIn;
  private volatile long windowsCut;
  private volatile long shedNoBuffer;

  /**
   * @param pipeline pipeline index stamped on every window
   * @param channels channels per frame, {@code >= 1}
   * @param size frames per window (L), {@code >= 1}
   * @param hop frames between window starts (H), {@code >= 1}; above {@code size} leaves gaps
   * @param mean per-channel mean from the model card
   * @param std per-channel standard deviation from the model card, each {@code > 0}
   * @param sampleRateHz frames per second, {@code > 0}
   * @param pool windows of exactly {@code channels * size} floats
   * @param sink receives each cut window (on the receive thread)
   * @param deadlineNanos per-window deadline counted from window close, {@code > 0}
   */
  public StreamWindower(int pipeline, int channels, int size, int hop, float[] mean, float[] std,
      double sampleRateHz, WindowPool pool, WindowSink sink, long deadlineNanos) {
    require(channels >= 1, "window.channels must be >= 1 but was " + channels);
    require(size >= 1, "window.size must be >= 1 but was " + size);
    require(hop >= 1, "window.hop must be >= 1 but was " + hop);
    require((long) channels * size <= Integer.MAX_VALUE, "window.channels * window.size is too large: "
        + channels + " * " + size);
    Objects.requireNonNull(mean, "window.mean must not be null");
    Objects.requireNonNull(std, "window.std must not be null");
    require(mean.length == channels, "window.mean must have " + channels + " values but has " + mean.length);
    require(std.length == channels, "window.std must have " + channels + " values but has " + std.length);
    for (int c = 0; c < channels; c++) {
      require(Float.isFinite(mean[c]), "window.mean[" + c + "] must be finite but was " + mean[c]);
      require(std[c] > 0 && Float.isFinite(std[c]), "window.std[" + c + "] must be > 0 and finite but was " + std[c]);
    }
    require(sampleRateHz > 0 && Double.isFinite(sampleRateHz), "window.sampleRate must be > 0 but was " + sampleRateHz);
    Objects.requireNonNull(pool, "window.pool must not be null");
    Objects.requireNonNull(sink, "window.sink must not be null");
    require(pool.floatsPerWindow() == channels * size, "window.pool holds windows of " + pool.floatsPerWindow()
        + " floats but channels * size = " + channels * size);
    require(deadlineNanos > 0, "window.deadline must be > 0 ns but was " + deadlineNanos);
    this.pipeline = pipeline;
    this.channels = channels;
    this.size = size;
    this.hop = hop;
    this.mean = mean.clone();
    this.std = std.clone();
    this.millisPerSample = 1000.0 / sampleRateHz;
    this.spanMillis = Math.round((size - 1) * millisPerSample);
    this.pool = pool;
    this.sink = sink;
    this.deadlineNanos = deadlineNanos;
    this.ring = new float[channels * size];
    this.nextEnd = size;
  }

  /**
   * Appends decoded frames and hands every window they complete to the sink, in order.
   *
   * @param frames interleaved frames ({@code frameCount * channels} values), e.g. a decoder's scratch;
   *     not retained
   * @param arrivalNanos monotonic time the message arrived
   * @param arrivalWallMillis epoch millis of the message's last frame (usually its arrival)
   */
  public void append(float[] frames, int frameCount, long arrivalNanos, long arrivalWallMillis) {
    if (frameCount < 0 || (long) frameCount * channels > frames.length) {
      throw new IllegalArgumentException("window.append frameCount must be in [0, " + frames.length / channels
          + "] but was " + frameCount);
    }
    int f = 0;
    while (f < frameCount) {
      int chunk = (int) Math.min(frameCount - f, nextEnd - written);
      write(frames, f, chunk);
      f += chunk;
      written += chunk;
      if (written == nextEnd) {
        nextEnd += hop;
        cut(frameCount - f, arrivalNanos, arrivalWallMillis);
      }
    }
    framesIn += frameCount;
  }

  private void write(float[] frames, int from, int count) {
    int src = from * channels;
    for (int i = 0; i < count; i++) {
      for (int c = 0; c < channels; c++) {
        ring[c * size + writePos] = (frames[src++] - mean[c]) / std[c];
      }
      writePos = writePos + 1 == size ? 0 : writePos + 1;
    }
  }

  /** The ring holds exactly the window: oldest frame at writePos, newest just before it. */
  private void cut(int framesAfter, long arrivalNanos, long arrivalWallMillis) {
    long s = seq++;
    windowsCut++;
    Window w = pool.acquire();
    if (w == null) {
      shedNoBuffer++;
      return;
    }
    int head = size - writePos;
    for (int c = 0, base = 0; c < channels; c++, base += size) {
      System.arraycopy(ring, base + writePos, w.data, base, head);
      System.arraycopy(ring, base, w.data, base + head, writePos);
    }
    w.pipeline = pipeline;
    w.seq = s;
    w.closedNanos = arrivalNanos;
    w.deadlineNanos = arrivalNanos + deadlineNanos;
    w.endMillis = arrivalWallMillis - Math.round(framesAfter * millisPerSample);
    w.startMillis = w.endMillis - spanMillis;
    sink.accept(w);
  }

  /** Frames appended so far. */
  public long framesIn() {
    return framesIn;
  }

  /** Windows completed so far, including those shed; equals the next window's {@code seq}. */
  public long windowsCut() {
    return windowsCut;
  }

  /** Windows dropped because the pool was empty (reason {@code no-buffer}). */
  public long shedNoBuffer() {
    return shedNoBuffer;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
