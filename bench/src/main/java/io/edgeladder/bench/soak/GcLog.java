package io.edgeladder.bench.soak;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's unified JVM log ({@code -Xlog:gc,safepoint:file=...}, see {@link #jvmFlag}), read as it grows.
 * Two kinds of line count:
 *
 * <ul>
 *   <li>{@code [safepoint] Safepoint "<operation>", ... Total: <ns> ns} — every stop of the Java threads
 *       (time to reach the safepoint plus time at it: what a window in flight waits). Operations of a
 *       collector ({@code GenCollectForAllocation}, {@code G1CollectForAllocation}, {@code ZMarkStart}, ...)
 *       are the <em>GC pauses</em>; the others (cleanup, deoptimisation) are kept apart.
 *   <li>{@code [gc] GC(n) ... 20M->5M(30M) ...} (Serial, G1) or {@code ... 20M(31%)->5M(8%)} (ZGC) — one
 *       collection and the heap in use after it.
 *   <li>{@code [gc] Allocation Stall (<thread>) 14.382ms} (ZGC) — a thread that allocated faster than the
 *       concurrent collector freed waited that long: not a safepoint, but a window in flight waits all the same.
 * </ul>
 *
 * The same safepoint measure works for every collector, so Serial, G1 and ZGC compare like for like.
 * Memory is bounded: a partial last line is kept until its end arrives, figures go into histograms.
 * Not thread-safe: the monitor thread alone reads it.
 */
final class GcLog {
  private static final Pattern SAFEPOINT = Pattern.compile("Safepoint \"([^\"]+)\".*Total: (\\d+) ns");
  private static final Pattern HEAP = Pattern.compile("(\\d+)M(?:\\(\\d+%\\))?->(\\d+)M");
  private static final Pattern STALL = Pattern.compile("Allocation Stall \\(.*\\) ([0-9.]+)ms");
  private static final Pattern SAFEPOINT_TAG = Pattern.compile("\\[safepoint\\s*\\]");
  private static final Pattern GC_TAG = Pattern.compile("\\[gc\\s*\\]");
  private static final Pattern GC_OPERATION = Pattern.compile(".*(Collect|GC|Gen).*|G1.*|Z.*|Shenandoah.*");

  private final Path file;
  private long position;
  private final StringBuilder partial = new StringBuilder();
  private Interval interval = new Interval();
  private final LogHistogram runGcPauses = new LogHistogram();
  private final LogHistogram runSafepoints = new LogHistogram();
  private final LogHistogram runStalls = new LogHistogram();
  private long runCollections;
  private long unreadable;

  GcLog(Path file) {
    this.file = file;
  }

  /** The JVM option that makes a child write what this class reads, into {@code file}, never rotated. */
  static String jvmFlag(Path file) {
    return "-Xlog:gc,safepoint:file=" + file.toAbsolutePath() + ":uptime,level,tags:filecount=0";
  }

  /** Reads what the JVM appended since the last call; a missing file (JVM not started yet) reads nothing. */
  void poll() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      if (length < position) { // truncated or replaced: start over
        position = 0;
        partial.setLength(0);
      }
      raf.seek(position);
      byte[] buf = new byte[(int) Math.min(length - position, 1 << 20)];
      raf.readFully(buf);
      position += buf.length;
      partial.append(new String(buf, StandardCharsets.UTF_8));
    }
    int start = 0;
    for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n", start)) {
      accept(partial.substring(start, nl));
      start = nl + 1;
    }
    partial.delete(0, start);
  }

  /** Counts one log line. */
  void accept(String line) {
    if (SAFEPOINT_TAG.matcher(line).find()) {
      Matcher m = SAFEPOINT.matcher(line);
      if (!m.find()) {
        return; // other safepoint lines (none at info level today) carry no pause
      }
      long nanos;
      try {
        nanos = Long.parseLong(m.group(2));
      } catch (NumberFormatException e) {
        unreadable++;
        return;
      }
      boolean gc = GC_OPERATION.matcher(m.group(1)).matches();
      interval.safepoints.record(nanos);
      runSafepoints.record(nanos);
      if (gc) {
        interval.gcPauses.record(nanos);
        runGcPauses.record(nanos);
      }
    } else if (GC_TAG.matcher(line).find()) {
      Matcher stall = STALL.matcher(line);
      if (stall.find()) {
        long nanos = (long) (Double.parseDouble(stall.group(1)) * 1e6);
        interval.stalls.record(nanos);
        runStalls.record(nanos);
        return;
      }
      Matcher m = HEAP.matcher(line);
      if (m.find()) {
        long after = Long.parseLong(m.group(2));
        interval.collections++;
        runCollections++;
        interval.heapAfterMinMb = Math.min(interval.heapAfterMinMb, after);
        interval.heapAfterMaxMb = Math.max(interval.heapAfterMaxMb, after);
        interval.heapAfterLastMb = after;
      }
    }
  }

  /** Figures since the previous call (or the start), then starts the next interval. */
  Figures closeInterval() {
    Interval i = interval;
    interval = new Interval();
    return new Figures(i.collections, i.gcPauses.summary(), i.gcPauses.count() == 0 ? 0 : i.gcPauses.max() / 1e6,
        sumMs(i.gcPauses), i.safepoints.count(), i.safepoints.count() == 0 ? Double.NaN : i.safepoints.max() / 1e6,
        i.collections == 0 ? Double.NaN : i.heapAfterMinMb, i.collections == 0 ? Double.NaN : i.heapAfterMaxMb,
        i.collections == 0 ? Double.NaN : i.heapAfterLastMb, i.stalls.count(),
        i.stalls.count() == 0 ? 0 : i.stalls.max() / 1e6);
  }

  /** Forgets the run figures so far (the warm-up's). */
  void resetRun() {
    runGcPauses.reset();
    runSafepoints.reset();
    runStalls.reset();
    runCollections = 0;
  }

  LogHistogram runGcPauses() {
    return runGcPauses;
  }

  /** ZGC allocation stalls over the run (empty for the stop-the-world collectors). */
  LogHistogram runStalls() {
    return runStalls;
  }

  LogHistogram runSafepoints() {
    return runSafepoints;
  }

  long runCollections() {
    return runCollections;
  }

  long unreadable() {
    return unreadable;
  }

  private static double sumMs(LogHistogram h) {
    return Math.round(h.sumNanos() / 1e3) / 1e3;
  }

  /** Lines of a finished file at once (tests, and the last read after the agent exited). */
  void acceptAll(List<String> lines) {
    lines.forEach(this::accept);
  }

  private static final class Interval {
    final LogHistogram gcPauses = new LogHistogram();
    final LogHistogram safepoints = new LogHistogram();
    final LogHistogram stalls = new LogHistogram();
    long collections;
    long heapAfterMinMb = Long.MAX_VALUE;
    long heapAfterMaxMb;
    long heapAfterLastMb;
  }

  /**
   * The JVM's pauses and heap over one interval.
   *
   * @param collections collections logged ({@code [gc]} lines with a heap figure)
   * @param gcPauses collector safepoints: count and percentiles, ms
   * @param gcPauseMaxMs the longest collector safepoint, 0 when none
   * @param gcPauseTotalMs the sum of collector safepoints
   * @param safepoints every safepoint, the collector's included
   * @param safepointMaxMs the longest safepoint of any kind, NaN when none
   * @param heapAfterGcMinMb smallest heap in use after a collection (MB as the JVM logs it, 2^20 B), NaN when none
   * @param heapAfterGcMaxMb largest
   * @param heapAfterGcLastMb after the interval's last collection
   * @param allocationStalls ZGC allocation stalls (threads waiting for memory)
   * @param allocationStallMaxMs the longest of them, 0 when none
   */
  record Figures(long collections, LogHistogram.Pcts gcPauses, double gcPauseMaxMs, double gcPauseTotalMs,
      long safepoints, double safepointMaxMs, double heapAfterGcMinMb, double heapAfterGcMaxMb,
      double heapAfterGcLastMb, long allocationStalls, double allocationStallMaxMs) {}
}
