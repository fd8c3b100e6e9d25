package io.edgeladder.bench;

import io.edgeladder.protocol.InferenceResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Receives the agent's results: stamps each window's arrival by its {@code seq} and tracks the highest
 * seq seen (for the in-flight bound of the saturation phase).
 *
 * <p>The seq is read by scanning the JSON for {@code "seq":} rather than binding the whole record, so
 * the bench's own receive thread keeps up with a saturated agent; the first result (and every 1000th) is
 * also parsed with {@link InferenceResult#parse} and must agree, which keeps the scan honest.
 *
 * <p>Threads: {@link #onMessage} on Paho's callback thread only (single writer of every field); other
 * threads read after {@link #awaitSeq}, whose lock orders the array writes before their reads.
 */
final class ResultTracker implements BenchClient.Listener {
  private static final byte[] KEY = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

  private final long[] receivedNanos;
  private final Object lock = new Object();
  private long highestSeq = -1; // guarded by lock
  private volatile long results;
  private volatile long duplicates;
  private volatile long outOfRange;
  private volatile long mismatches;
  private volatile int resultBytes;
  private volatile String firstResult;

  ResultTracker(int capacity) {
    this.receivedNanos = new long[capacity];
  }

  @Override
  public void onMessage(String topic, byte[] payload, long nanos) throws Exception {
    long seq = scanSeq(payload);
    if (results == 0 || results % 1000 == 0) {
      InferenceResult parsed = InferenceResult.parse(payload);
      if (parsed.seq() != seq) {
        mismatches++;
      }
      if (firstResult == null) {
        firstResult = new String(payload, StandardCharsets.UTF_8);
        resultBytes = payload.length;
      }
    }
    results++;
    if (seq < 0 || seq >= receivedNanos.length) {
      outOfRange++;
    } else if (receivedNanos[(int) seq] != 0) {
      duplicates++;
    } else {
      receivedNanos[(int) seq] = nanos;
    }
    synchronized (lock) {
      if (seq > highestSeq) {
        highestSeq = seq;
      }
      lock.notifyAll();
    }
  }

  /** The {@code seq} number of a result payload, or -1 when it has none. */
  static long scanSeq(byte[] p) {
    outer:
    for (int i = 0; i + KEY.length <= p.length; i++) {
      for (int k = 0; k < KEY.length; k++) {
        if (p[i + k] != KEY[k]) {
          continue outer;
        }
      }
      int j = i + KEY.length;
      while (j < p.length && p[j] == ' ') {
        j++;
      }
      long v = 0;
      int digits = 0;
      while (j < p.length && p[j] >= '0' && p[j] <= '9') {
        v = v * 10 + (p[j++] - '0');
        digits++;
      }
      return digits > 0 ? v : -1;
    }
    return -1;
  }

  long highestSeq() {
    synchronized (lock) {
      return highestSeq;
    }
  }

  /** Waits until a result with seq at least {@code seq} arrived; false on timeout. */
  boolean awaitSeq(long seq, long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (lock) {
      while (highestSeq < seq) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /** Arrival time of window {@code seq}, 0 when no result came. Read after {@link #awaitSeq}. */
  long receivedNanos(long seq) {
    return seq >= 0 && seq < receivedNanos.length ? receivedNanos[(int) seq] : 0;
  }

  int capacity() {
    return receivedNanos.length;
  }

  long results() {
    return results;
  }

  long duplicates() {
    return duplicates;
  }

  long outOfRange() {
    return outOfRange;
  }

  /** Results whose scanned seq disagreed with {@link InferenceResult#parse}: must stay 0. */
  long mismatches() {
    return mismatches;
  }

  int resultBytes() {
    return resultBytes;
  }

  String firstResult() {
    return firstResult;
  }
}
