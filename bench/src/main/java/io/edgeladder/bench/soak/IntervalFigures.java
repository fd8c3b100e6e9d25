package io.edgeladder.bench.soak;

import io.edgeladder.bench.PipelineCounts;

/**
 * One reporting interval of a soak run.
 *
 * @param index 0 for the first measured interval
 * @param startSeconds start, seconds after the measured phase began
 * @param seconds length (the last interval also holds the drain of the last results)
 * @param windows windows sent and results received, by seq
 * @param e2e end-to-end latency of the interval's results (send of the message that closed the window →
 *     result at the bench)
 * @param rssMb agent {@code VmRSS} at the interval's end (MB = 10⁶ B), NaN when unreadable
 * @param rssMaxMb largest of the once-a-second readings in the interval
 * @param agentCpuPercent agent process CPU time over the interval, percent of one core
 * @param gc collector pauses and heap after GC from the agent's JVM log
 * @param agent the agent's own counters over the interval ({@code /status} difference), null when unreadable
 * @param swapsRequested swaps the bench asked for in the interval
 * @param swaps the agent's swap events in the interval
 * @param publishLagMaxMs the most a message was sent after its due time (the bench's own hiccups)
 * @param loadAverage 1, 5 and 15 min load at the interval's end
 */
record IntervalFigures(int index, double startSeconds, double seconds, SeqTracker.Tally windows,
    LogHistogram.Pcts e2e, double rssMb, double rssMaxMb, double agentCpuPercent, GcLog.Figures gc,
    PipelineCounts agent, long swapsRequested, SwapEvents.Counts swaps, double publishLagMaxMs,
    String loadAverage) {

  /** Midpoint of the interval in hours after the measured start (the x of the trends). */
  double midHours() {
    return (startSeconds + seconds / 2) / 3600;
  }

  /** One line of the console table. */
  String line() {
    return String.format(java.util.Locale.ROOT,
        "%4d %7.0f %7d %5d %4d %4d | %7.3f %7.3f %7.3f %8.3f | %6.1f %6.1f | %5d %6.2f %6.2f | %5.1f %5.1f | %3d/%-3d"
            + " | %5.1f | %s",
        index, startSeconds + seconds, windows.sent(), windows.unanswered(), windows.duplicates(),
        windows.deadlineMissed(), e2e.p50Ms(), e2e.p99Ms(), e2e.p999Ms(), e2e.maxMs(), rssMb, rssMaxMb,
        gc.gcPauses().count(), gc.gcPauses().p99Ms(), gc.gcPauseMaxMs(), gc.heapAfterGcMinMb(), gc.heapAfterGcMaxMb(),
        swaps.completed(), swapsRequested, agentCpuPercent, loadAverage);
  }

  static String header() {
    return "   #   end s    sent unans  dup miss |  p50 ms  p99 ms p99.9ms   max ms | RSS MB  max   |   GCs p99 ms"
        + " max ms | heap-after-GC | swaps   | CPU % | load";
  }
}
