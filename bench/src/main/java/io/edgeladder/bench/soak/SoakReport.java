package io.edgeladder.bench.soak;

import io.edgeladder.bench.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A soak run's figures against references from the same run: the first interval against the last, the
 * least-squares trend per hour over all intervals, end-to-end latency against a raw ORT run measured in the
 * bench's own process; and the targets (nothing lost or duplicated, no failed swap).
 *
 * @param outcome what the run measured
 * @param rawOrt raw {@code ModelRunner.run} latency per swapped variant, measured in-process before the agent
 *     started
 * @param cores processors of the machine
 * @param loadAtStart 1, 5, 15 min load average when the run started
 * @param loadAtEnd the same at the end
 */
record SoakReport(SoakSession.Outcome outcome, Map<String, LogHistogram.Pcts> rawOrt, int cores, String loadAtStart,
    String loadAtEnd) {

  /** Whether other work competed for the cores: a 1-minute load above the core count at the start or the end. */
  boolean noisy() {
    return load1(loadAtStart) > cores || load1(loadAtEnd) > cores;
  }

  /** Swept windows without a result that the agent did not count as shed. */
  long lost() {
    long shed = outcome.agent() == null ? 0 : outcome.agent().shed();
    return Math.max(0, outcome.windows().unanswered() - shed);
  }

  /** Ratios and trends, rounded for the JSON. */
  Map<String, Object> derived() {
    Map<String, Object> d = new LinkedHashMap<>();
    List<IntervalFigures> iv = outcome.intervals();
    d.put("intervals", iv.size());
    d.put("windowsLost", lost());
    d.put("e2eP99LastOverFirst", round(lastOverFirst(iv, f -> f.e2e().p99Ms()), 3));
    d.put("rssLastOverFirst", round(lastOverFirst(iv, IntervalFigures::rssMb), 3));
    d.put("heapAfterGcMinLastOverFirst", round(lastOverFirst(iv, f -> f.gc().heapAfterGcMinMb()), 3));
    d.put("gcPauseP99LastOverFirst", round(lastOverFirst(iv, f -> f.gc().gcPauses().p99Ms()), 3));
    d.put("e2eP99SlopeMsPerHour", round(slopePerHour(iv, f -> f.e2e().p99Ms()), 3));
    d.put("rssSlopeMbPerHour", round(slopePerHour(iv, IntervalFigures::rssMb), 2));
    d.put("heapAfterGcMinSlopeMbPerHour", round(slopePerHour(iv, f -> f.gc().heapAfterGcMinMb()), 2));
    d.put("gcPauseShare", round(gcPauseShare(), 6));
    for (Map.Entry<String, LogHistogram.Pcts> e : rawOrt.entrySet()) {
      d.put("e2eP50OverRawOrtP50_" + e.getKey(), round(outcome.e2e().p50Ms() / e.getValue().p50Ms(), 1));
      d.put("e2eP99OverRawOrtP99_" + e.getKey(), round(outcome.e2e().p99Ms() / e.getValue().p99Ms(), 1));
    }
    return d;
  }

  List<Target> targets() {
    return List.of(
        new Target("windows lost (no result, not shed by the agent)", lost(), 0, true, "windows", noisy()),
        new Target("duplicated results", outcome.windows().duplicates(), 0, true, "results", noisy()),
        new Target("failed swaps", outcome.swaps().failed(), 0, true, "swaps", noisy()));
  }

  /** Fraction of the measured time the agent's threads stood in collector safepoints. */
  double gcPauseShare() {
    double pauseMs = outcome.intervals().stream().mapToDouble(f -> f.gc().gcPauseTotalMs()).sum();
    return pauseMs / (outcome.measuredSeconds() * 1000);
  }

  /** Last interval's value over the first's; NaN with fewer than two intervals or a missing value. */
  static double lastOverFirst(List<IntervalFigures> intervals, ToDoubleFunction<IntervalFigures> value) {
    if (intervals.size() < 2) {
      return Double.NaN;
    }
    return value.applyAsDouble(intervals.get(intervals.size() - 1)) / value.applyAsDouble(intervals.get(0));
  }

  /** Least-squares slope of {@code value} against the interval midpoints, per hour; NaN values are skipped. */
  static double slopePerHour(List<IntervalFigures> intervals, ToDoubleFunction<IntervalFigures> value) {
    List<double[]> points = new ArrayList<>();
    for (IntervalFigures f : intervals) {
      double y = value.applyAsDouble(f);
      if (!Double.isNaN(y)) {
        points.add(new double[] {f.midHours(), y});
      }
    }
    return slope(points);
  }

  /** Least-squares slope of (x, y) points; NaN with fewer than two distinct x. */
  static double slope(List<double[]> points) {
    int n = points.size();
    if (n < 2) {
      return Double.NaN;
    }
    double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (double[] p : points) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }

  /** The summary printed after the interval lines. */
  String table() {
    SoakSession.Outcome o = outcome;
    SeqTracker.Tally w = o.windows();
    Map<String, Object> d = derived();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "soak: %.0f s measured in %d intervals%n", o.measuredSeconds(),
        o.intervals().size()));
    sb.append(String.format(Locale.ROOT, "  windows   %d sent, %d results, %d unanswered (%s shed by the agent), %d lost,"
        + " %d late, %d duplicated, %d reordered, %d deadline misses%n", w.sent(), w.results(), w.unanswered(),
        o.agent() == null ? "?" : Long.toString(o.agent().shed()), lost(), w.late(), w.duplicates(), w.reordered(),
        w.deadlineMissed()));
    sb.append(String.format(Locale.ROOT, "  E2E       p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f ms%n", o.e2e().p50Ms(),
        o.e2e().p99Ms(), o.e2e().p999Ms(), o.e2e().maxMs()));
    for (Map.Entry<String, LogHistogram.Pcts> e : rawOrt.entrySet()) {
      sb.append(String.format(Locale.ROOT, "  raw ORT   %-6s p50 %.3f  p99 %.3f ms  -> E2E p50 = %sx, p99 = %sx raw%n",
          e.getKey(), e.getValue().p50Ms(), e.getValue().p99Ms(), d.get("e2eP50OverRawOrtP50_" + e.getKey()),
          d.get("e2eP99OverRawOrtP99_" + e.getKey())));
    }
    sb.append(String.format(Locale.ROOT, "  GC pauses %d (collector safepoints; %d collections logged)  p50 %.3f  p99 %.3f"
        + "  p99.9 %.3f  max %.3f ms, %.4f %% of the time; any safepoint max %.3f ms%n", o.gcPauses().count(),
        o.collections(), o.gcPauses().p50Ms(), o.gcPauses().p99Ms(), o.gcPauses().p999Ms(), o.gcPauses().maxMs(),
        gcPauseShare() * 100, o.safepoints().maxMs()));
    if (o.allocationStalls().count() > 0) {
      sb.append(String.format(Locale.ROOT, "  stalls    %d allocation stalls (ZGC: a thread waited for memory)  p99 %.3f  max %.3f ms%n",
          o.allocationStalls().count(), o.allocationStalls().p99Ms(), o.allocationStalls().maxMs()));
    }
    sb.append(String.format(Locale.ROOT, "  swaps     %d requested, %d completed, %d failed, %d rolled back; agent's"
        + " total p50 %.1f max %.1f ms, flip max %.0f us%n", o.swapsRequested(), o.swaps().completed(),
        o.swaps().failed(), o.swaps().rolledBack(), o.swapMillis().p50Ms(), o.swapMillis().maxMs(),
        o.flipMicros().maxMs()));
    sb.append(String.format(Locale.ROOT, "  trend     last/first interval: E2E p99 %sx, RSS %sx, heap after GC (min) %sx;"
        + " per hour: E2E p99 %s ms, RSS %s MB, heap after GC %s MB%n", d.get("e2eP99LastOverFirst"),
        d.get("rssLastOverFirst"), d.get("heapAfterGcMinLastOverFirst"), d.get("e2eP99SlopeMsPerHour"),
        d.get("rssSlopeMbPerHour"), d.get("heapAfterGcMinSlopeMbPerHour")));
    sb.append(String.format(Locale.ROOT, "  results per variant %s%n", o.resultsPerVariant()));
    for (Target t : targets()) {
      sb.append(String.format(Locale.ROOT, "  target    %-50s %6.0f  %s%n", t.name(), t.value(), t.verdict()));
    }
    if (noisy()) {
      sb.append(String.format(Locale.ROOT, "NOISY RUN: load average %s at start, %s at end, on %d cores: the tails"
          + " measure the neighbours too.%n", loadAtStart, loadAtEnd, cores));
    }
    for (String e : o.errors()) {
      sb.append("  ERROR ").append(e).append('\n');
    }
    return sb.toString();
  }

  static double round(double v, int places) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }

  private static double load1(String loadAverage) {
    try {
      return Double.parseDouble(loadAverage.split(" ")[0]);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
