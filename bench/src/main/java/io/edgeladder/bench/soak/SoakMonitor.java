package io.edgeladder.bench.soak;

import io.edgeladder.bench.AgentProcess;
import io.edgeladder.bench.MachineFacts;
import io.edgeladder.bench.PipelineCounts;
import io.edgeladder.bench.adaptive.ProcCpu;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Closes the soak's intervals: once a second it reads the agent's RSS and notes how many windows were
 * sent; every {@code intervalTicks} seconds it settles the windows sent more than {@code graceNanos} ago
 * (no result by then: unanswered), takes the interval's latencies, GC log figures, swap events, agent
 * counters and CPU, and prints one line. A failed reading is recorded as an error and the tick goes on.
 *
 * <p>Threads: every method on the monitor thread (a single-threaded scheduler), {@link #errors} after it
 * stopped; {@code publishLagMaxNanos} and {@code swapsRequested} are written by other threads.
 */
final class SoakMonitor {
  private record Sent(long nanos, long windows) {}

  private final AgentProcess agent;
  private final SeqTracker tracker;
  private final GcLog gcLog;
  private final SwapEvents swaps;
  private final long graceNanos;
  private final Consumer<String> out;
  final AtomicLong publishLagMaxNanos = new AtomicLong();
  final AtomicLong swapsRequested = new AtomicLong();
  private final ArrayDeque<Sent> sentHistory = new ArrayDeque<>();
  private final List<IntervalFigures> intervals = new ArrayList<>();
  private final LogHistogram runLatency = new LogHistogram();
  private final List<String> errors = new ArrayList<>();
  private long startNanos;
  private long intervalStartNanos;
  private long swapsAtIntervalStart;
  private double rssMaxMb = Double.NaN;
  private double cpuAtIntervalStart;
  private PipelineCounts countsAtIntervalStart;
  private PipelineCounts countsAtStart;

  SoakMonitor(AgentProcess agent, SeqTracker tracker, GcLog gcLog, SwapEvents swaps, long graceNanos,
      Consumer<String> out) {
    this.agent = agent;
    this.tracker = tracker;
    this.gcLog = gcLog;
    this.swaps = swaps;
    this.graceNanos = graceNanos;
    this.out = out;
  }

  /** The measured phase starts: what happened in the warm-up is read and dropped. */
  void begin(long nanos) {
    startNanos = nanos;
    intervalStartNanos = nanos;
    poll();
    gcLog.closeInterval();
    gcLog.resetRun();
    swaps.closeInterval();
    cpuAtIntervalStart = ProcCpu.seconds(agent.pid());
    countsAtIntervalStart = counts();
    countsAtStart = countsAtIntervalStart;
    publishLagMaxNanos.set(0);
    out.accept(IntervalFigures.header());
  }

  /** Once a second. */
  void tick(long nanos) {
    try {
      long rss = agent.rssBytes();
      if (rss > 0) {
        rssMaxMb = Double.isNaN(rssMaxMb) ? rss / 1e6 : Math.max(rssMaxMb, rss / 1e6);
      }
      sentHistory.addLast(new Sent(nanos, tracker.windowsSent()));
      while (sentHistory.size() > 600) {
        sentHistory.removeFirst();
      }
    } catch (RuntimeException | Error e) {
      error("tick", e);
    }
  }

  /** Ends the current interval at {@code nanos}; {@code last}: settle every window (the stream is over). */
  void closeInterval(long nanos, boolean last) {
    try {
      tracker.sweep(last ? Long.MAX_VALUE : windowsSentBefore(nanos - graceNanos));
      SeqTracker.Interval w = tracker.closeInterval(runLatency);
      poll();
      GcLog.Figures gc = gcLog.closeInterval();
      SwapEvents.Counts s = swaps.closeInterval();
      long rss = agent.rssBytes();
      double rssMb = rss > 0 ? rss / 1e6 : Double.NaN;
      double cpu = ProcCpu.seconds(agent.pid());
      double seconds = (nanos - intervalStartNanos) / 1e9;
      PipelineCounts now = counts();
      PipelineCounts delta = now == null || countsAtIntervalStart == null ? null : now.minus(countsAtIntervalStart);
      long requested = swapsRequested.get();
      IntervalFigures f = new IntervalFigures(intervals.size(), (intervalStartNanos - startNanos) / 1e9, seconds,
          w.counts(), w.latency(), rssMb, Double.isNaN(rssMaxMb) ? rssMb : Math.max(rssMaxMb, rssMb),
          (cpu - cpuAtIntervalStart) / seconds * 100, gc, delta, requested - swapsAtIntervalStart, s,
          publishLagMaxNanos.getAndSet(0) / 1e6, MachineFacts.loadAverage());
      intervals.add(f);
      out.accept(f.line());
      intervalStartNanos = nanos;
      swapsAtIntervalStart = requested;
      cpuAtIntervalStart = cpu;
      countsAtIntervalStart = now;
      rssMaxMb = Double.NaN;
    } catch (RuntimeException | Error e) {
      error("interval " + intervals.size(), e);
    }
  }

  private long windowsSentBefore(long nanos) {
    long windows = 0;
    for (Iterator<Sent> it = sentHistory.iterator(); it.hasNext(); ) {
      Sent s = it.next();
      if (s.nanos() > nanos) {
        break;
      }
      windows = s.windows();
    }
    return windows;
  }

  private void poll() {
    try {
      gcLog.poll();
    } catch (java.io.IOException e) {
      error("reading the GC log", e);
    }
  }

  private PipelineCounts counts() {
    try {
      return PipelineCounts.of(agent.status());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      error("agent /status", e);
      return null;
    }
  }

  private void error(String what, Throwable e) {
    String msg = what + " failed: " + e;
    synchronized (errors) {
      if (errors.size() < 100) {
        errors.add(msg);
      }
    }
    out.accept("  ! " + msg);
  }

  List<IntervalFigures> intervals() {
    return List.copyOf(intervals);
  }

  LogHistogram runLatency() {
    return runLatency;
  }

  /** The agent's counters over the whole measured phase, null when one reading failed. */
  PipelineCounts agentCounts() {
    return countsAtIntervalStart == null || countsAtStart == null ? null : countsAtIntervalStart.minus(countsAtStart);
  }

  long startNanos() {
    return startNanos;
  }

  List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }
}
