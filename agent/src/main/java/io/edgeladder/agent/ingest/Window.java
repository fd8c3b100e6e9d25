package io.edgeladder.agent.ingest;

/**
 * One window of samples on its way from the ingest thread to an inference worker. Pooled and reused:
 * a window belongs to whoever holds it until it is handed back to its {@link WindowPool}.
 *
 * <p>{@link #data} holds {@code channels * size} floats, channel-first ({@code [c][t]}), already
 * normalised for the model.
 */
public final class Window {
  /** Normalised samples, channel-first; length {@code channels * size}. */
  public final float[] data;
  /** Index of the pipeline this window belongs to (see the pipeline registry). */
  public int pipeline;
  /** Per-pipeline sequence number, from 0, one per window cut. */
  public long seq;
  /** Wall-clock epoch millis of the first and last sample. */
  public long startMillis;
  public long endMillis;
  /** Monotonic nanos when the window closed (its last sample arrived) and its absolute deadline. */
  public long closedNanos;
  public long deadlineNanos;

  final WindowPool pool;

  Window(WindowPool pool, int floats) {
    this.pool = pool;
    this.data = new float[floats];
  }

  /** Returns this window to its pool; the caller must not touch it afterwards. */
  public void release() {
    pool.release(this);
  }
}
