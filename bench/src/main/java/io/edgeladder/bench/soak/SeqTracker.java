package io.edgeladder.bench.soak;

import io.edgeladder.bench.BenchClient;
import io.edgeladder.bench.adaptive.ResultLedger.JsonScan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Windows sent and results received, by {@code seq}, in bounded memory: a ring of the last
 * {@code capacity} windows (send time, whether a result came) instead of one slot per window of the run.
 * A window leaves the ring when {@link #sweep} passes it (or, at the latest, when a new window needs its
 * slot): without a result by then it counts as <em>unanswered</em>. A result for a window already swept
 * takes it back out of the unanswered count and counts as <em>late</em>; a result for a window no
 * longer (or not yet) in the ring counts as <em>out of range</em>. A seq seen twice is a duplicate; a
 * seq below the highest seen so far is reordered.
 *
 * <p>Latency (send of the message that closed the window → arrival of its result) goes into the current
 * interval's {@link LogHistogram}; {@link #closeInterval} hands it over with the interval's counts.
 *
 * <p>Threads: {@link #sent} on the publisher thread, {@link #onMessage} on Paho's callback thread,
 * {@link #sweep} and {@link #closeInterval} on the monitor thread; every method holds {@code this}
 * (about 1 000 short calls a second).
 */
final class SeqTracker implements BenchClient.Listener {
  private final long[] sentNanos;
  private final long[] slotSeq; // the window that owns each slot, -1 when none
  private final boolean[] answered;
  private final int mask;
  private final long firstCounted; // windows below this (warm-up) are not counted
  private long nextWindow; // windows sent so far
  private long swept; // windows below this have left the accounting
  private long highestSeq = -1;
  private Counts interval = new Counts();
  private final Counts total = new Counts();
  private LogHistogram latency = new LogHistogram();
  private LogHistogram spare = new LogHistogram();
  private final Map<String, Long> variants = new LinkedHashMap<>(); // results per variant id, whole run

  /**
   * @param capacity windows kept in the ring, at least the windows sent between two sweeps plus the grace
   * @param firstCounted the first window that counts (earlier ones are the warm-up)
   */
  SeqTracker(int capacity, long firstCounted) {
    if (Integer.bitCount(capacity) != 1 || capacity < 2) {
      throw new IllegalArgumentException("seq tracker capacity must be a power of two >= 2 but was " + capacity);
    }
    sentNanos = new long[capacity];
    slotSeq = new long[capacity];
    answered = new boolean[capacity];
    java.util.Arrays.fill(slotSeq, -1);
    mask = capacity - 1;
    this.firstCounted = firstCounted;
    this.swept = firstCounted;
  }

  /** The smallest power of two that holds {@code windows}. */
  static int capacityFor(double windows) {
    long n = Math.max(2, (long) Math.ceil(windows));
    return (int) Math.min(1 << 30, Long.highestOneBit(n - 1) << 1);
  }

  /** The next window was closed by a message sent at {@code nanos}. Publisher thread, before the publish. */
  synchronized void sent(long nanos) {
    long w = nextWindow++;
    int slot = (int) (w & mask);
    long old = slotSeq[slot];
    if (old >= swept) { // the ring is full before a sweep passed it: account for it now
      settle(old, slot);
      swept = old + 1;
    }
    slotSeq[slot] = w;
    sentNanos[slot] = nanos;
    answered[slot] = false;
    if (w >= firstCounted) {
      interval.sent++;
      total.sent++;
    }
  }

  @Override
  public void onMessage(String topic, byte[] payload, long nanos) {
    long seq = JsonScan.number(payload, JsonScan.SEQ);
    boolean met = JsonScan.isTrue(payload, JsonScan.DEADLINE_MET);
    String variant = JsonScan.string(payload, JsonScan.VARIANT);
    result(seq, met, variant, nanos);
  }

  synchronized void result(long seq, boolean deadlineMet, String variant, long nanos) {
    int slot = (int) (seq & mask);
    if (seq < 0 || seq >= nextWindow || slotSeq[slot] != seq) {
      interval.outOfRange++;
      total.outOfRange++;
      return;
    }
    if (answered[slot]) {
      interval.duplicates++;
      total.duplicates++;
      return;
    }
    answered[slot] = true;
    if (seq < highestSeq) {
      interval.reordered++;
      total.reordered++;
    }
    highestSeq = Math.max(highestSeq, seq);
    if (seq < firstCounted) {
      return;
    }
    if (seq < swept) { // a sweep counted it unanswered: it came after all (the interval that swept keeps its count)
      total.unanswered--;
      interval.late++;
      total.late++;
    }
    interval.results++;
    total.results++;
    if (!deadlineMet) {
      interval.deadlineMissed++;
      total.deadlineMissed++;
    }
    variants.merge(variant, 1L, Long::sum);
    latency.record(nanos - sentNanos[slot]);
  }

  /** Accounts for every window below {@code windowsBefore} (capped at those sent) not yet swept. */
  synchronized void sweep(long windowsBefore) {
    long end = Math.min(windowsBefore, nextWindow);
    for (long w = swept; w < end; w++) {
      int slot = (int) (w & mask);
      if (slotSeq[slot] == w) {
        settle(w, slot);
      }
    }
    swept = Math.max(swept, end);
  }

  private void settle(long w, int slot) {
    if (w >= firstCounted && !answered[slot]) {
      interval.unanswered++;
      total.unanswered++;
    }
  }

  /**
   * Ends the current interval: adds its latencies to {@code runLatency}, returns its counts and latency
   * percentiles, and starts the next one.
   */
  synchronized Interval closeInterval(LogHistogram runLatency) {
    LogHistogram closed = latency;
    latency = spare;
    latency.reset();
    spare = closed;
    runLatency.add(closed);
    Tally c = interval.tally();
    interval = new Counts();
    return new Interval(c, closed.summary());
  }

  synchronized long highestSeq() {
    return highestSeq;
  }

  synchronized long windowsSent() {
    return nextWindow;
  }

  synchronized Tally total() {
    return total.tally();
  }

  synchronized Map<String, Long> variants() {
    return Map.copyOf(variants);
  }

  /** One interval's counts and latency percentiles. */
  record Interval(Tally counts, LogHistogram.Pcts latency) {}

  /**
   * Counts over an interval or the run (counted windows only).
   *
   * @param sent windows sent (closed by a message)
   * @param results results received for them, first copies only
   * @param unanswered swept windows without a result (the agent's shed windows among them); for the run, net
   *     of late results
   * @param late results that came after their window was swept
   * @param duplicates a seq seen again
   * @param reordered a seq below the highest seen before it
   * @param outOfRange a seq never sent, or no longer in the ring
   * @param deadlineMissed results flagged {@code deadlineMet: false} by the agent
   */
  record Tally(long sent, long results, long unanswered, long late, long duplicates, long reordered,
      long outOfRange, long deadlineMissed) {}

  /** Mutable counts; guarded by the tracker. */
  private static final class Counts {
    long sent;
    long results;
    long unanswered;
    long late;
    long duplicates;
    long reordered;
    long outOfRange;
    long deadlineMissed;

    Tally tally() {
      return new Tally(sent, results, unanswered, late, duplicates, reordered, outOfRange, deadlineMissed);
    }
  }
}
