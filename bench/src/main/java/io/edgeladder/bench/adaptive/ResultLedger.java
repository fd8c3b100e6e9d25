package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.BenchClient;
import io.edgeladder.protocol.InferenceResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every result of one run by window {@code seq}: arrival time, the variant that ran it, whether it met its
 * deadline and the class it found. Counts duplicates (a seq seen twice) and reorderings (a seq arriving
 * after a higher one). Fields are scanned out of the JSON rather than bound, so the receive thread keeps
 * up; every 1000th result is also parsed with {@link InferenceResult#parse} and must agree.
 *
 * <p>Threads: {@link #onMessage} on Paho's callback thread only (single writer of every array); readers
 * call {@link #awaitSeq} first, whose lock orders those writes before their reads.
 */
public final class ResultLedger implements BenchClient.Listener {
  static final byte NONE = -1;

  private final long[] receivedNanos;
  private final byte[] variant;
  private final byte[] top;
  private final boolean[] met;
  private final List<String> variants = new ArrayList<>(); // index = byte in `variant`; callback thread adds
  private final Object lock = new Object();
  private long highestSeq = -1; // guarded by lock
  private volatile long results;
  private volatile long duplicates;
  private volatile long reordered;
  private volatile long outOfRange;
  private volatile long mismatches;

  ResultLedger(int capacity) {
    receivedNanos = new long[capacity];
    variant = new byte[capacity];
    top = new byte[capacity];
    met = new boolean[capacity];
    java.util.Arrays.fill(variant, NONE);
  }

  @Override
  public void onMessage(String topic, byte[] p, long nanos) throws Exception {
    long seq = JsonScan.number(p, JsonScan.SEQ);
    if (results % 1000 == 0 && InferenceResult.parse(p).seq() != seq) {
      mismatches++;
    }
    results++;
    long highest;
    synchronized (lock) {
      highest = highestSeq;
    }
    if (seq < 0 || seq >= receivedNanos.length) {
      outOfRange++;
      return;
    }
    int s = (int) seq;
    if (receivedNanos[s] != 0) {
      duplicates++;
      return;
    }
    if (seq < highest) {
      reordered++;
    }
    receivedNanos[s] = nanos;
    variant[s] = variantIndex(p);
    top[s] = (byte) JsonScan.number(p, JsonScan.TOP_INDEX);
    met[s] = JsonScan.isTrue(p, JsonScan.DEADLINE_MET);
    synchronized (lock) {
      if (seq > highestSeq) {
        highestSeq = seq;
      }
      lock.notifyAll();
    }
  }

  private byte variantIndex(byte[] p) {
    String id = JsonScan.string(p, JsonScan.VARIANT);
    int i = variants.indexOf(id);
    if (i < 0) {
      synchronized (variants) {
        variants.add(id);
      }
      i = variants.size() - 1;
    }
    return (byte) i;
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

  long highestSeq() {
    synchronized (lock) {
      return highestSeq;
    }
  }

  /** Arrival of window {@code seq}, 0 when none came. */
  long receivedNanos(long seq) {
    return seq >= 0 && seq < receivedNanos.length ? receivedNanos[(int) seq] : 0;
  }

  /** Id of the variant that ran window {@code seq}, or null when no result came. */
  String variant(long seq) {
    if (seq < 0 || seq >= variant.length || variant[(int) seq] == NONE) {
      return null;
    }
    synchronized (variants) {
      return variants.get(variant[(int) seq]);
    }
  }

  boolean deadlineMet(long seq) {
    return receivedNanos(seq) != 0 && met[(int) seq];
  }

  /** Class index found for window {@code seq}, -1 when no result came. */
  int topIndex(long seq) {
    return receivedNanos(seq) == 0 ? -1 : top[(int) seq];
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

  long reordered() {
    return reordered;
  }

  long outOfRange() {
    return outOfRange;
  }

  long mismatches() {
    return mismatches;
  }

  /** Field scanning on result payloads (the agent writes them without spaces, in a fixed order). */
  public static final class JsonScan {
    public static final byte[] SEQ = key("seq");
    public static final byte[] TOP_INDEX = key("topIndex");
    public static final byte[] DEADLINE_MET = key("deadlineMet");
    public static final byte[] VARIANT = key("variant");

    private JsonScan() {}

    private static byte[] key(String k) {
      return ("\"" + k + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** Position just after {@code key}, or -1. */
    static int after(byte[] p, byte[] key) {
      outer:
      for (int i = 0; i + key.length <= p.length; i++) {
        for (int k = 0; k < key.length; k++) {
          if (p[i + k] != key[k]) {
            continue outer;
          }
        }
        return i + key.length;
      }
      return -1;
    }

    /** A non-negative integer value, or -1 when the key is absent or not followed by digits. */
    public static long number(byte[] p, byte[] key) {
      int j = after(p, key);
      if (j < 0) {
        return -1;
      }
      long v = 0;
      int digits = 0;
      while (j < p.length && p[j] >= '0' && p[j] <= '9') {
        v = v * 10 + (p[j++] - '0');
        digits++;
      }
      return digits > 0 ? v : -1;
    }

    public static boolean isTrue(byte[] p, byte[] key) {
      int j = after(p, key);
      return j >= 0 && j < p.length && p[j] == 't';
    }

    /** A string value without escapes, or "?" when absent. */
    public static String string(byte[] p, byte[] key) {
      int j = after(p, key);
      if (j < 0 || j >= p.length || p[j] != '"') {
        return "?";
      }
      int end = j + 1;
      while (end < p.length && p[end] != '"') {
        end++;
      }
      return new String(p, j + 1, end - j - 1, StandardCharsets.UTF_8);
    }
  }
}
