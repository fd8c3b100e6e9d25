package io.edgeladder.simulator;

/**
 * Real-time pacing on a monotonic clock: message {@code n} is due at {@code start + n * period}.
 * Due times come from the start, not from the previous send, so pacing never drifts; a publisher that
 * fell behind finds its next messages already due and catches up by sending them at once.
 * A period of 0 means as fast as possible. Pure arithmetic; the caller owns clock and waiting.
 */
final class Pacer {
  private final long startNanos;
  private final double periodNanos;

  /**
   * @param startNanos monotonic time of message 0
   * @param periodNanos nanoseconds between messages at the intended rate, >= 0 (0: unpaced)
   */
  Pacer(long startNanos, double periodNanos) {
    if (!(periodNanos >= 0)) {
      throw new IllegalArgumentException("pacer period must be >= 0 ns but was " + periodNanos);
    }
    this.startNanos = startNanos;
    this.periodNanos = periodNanos;
  }

  /** Period for {@code frames} frames per message at {@code sampleRateHz}, sped up by {@code multiplier}. */
  static double periodNanos(int frames, double sampleRateHz, double multiplier) {
    if (Double.isInfinite(multiplier)) {
      return 0;
    }
    return frames * 1e9 / sampleRateHz / multiplier;
  }

  /** Monotonic time at which message {@code sequence} is due. */
  long dueNanos(long sequence) {
    return startNanos + (long) (sequence * periodNanos);
  }

  /** Nanoseconds to wait before sending message {@code sequence} at {@code nowNanos}; 0 when due. */
  long waitNanos(long sequence, long nowNanos) {
    return Math.max(0, dueNanos(sequence) - nowNanos);
  }

  /** How far behind schedule message {@code sequence} is at {@code nowNanos}, ns (0 when on time). */
  long lagNanos(long sequence, long nowNanos) {
    return Math.max(0, nowNanos - dueNanos(sequence));
  }
}
