package io.edgeladder.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Prints one line per pipeline each second: rate, latency, misses, shed, and the prediction against the
 * injected condition. On a terminal it redraws in place; piped, it appends plain lines.
 */
final class TerminalView {
  private static final String HEADER = String.format("%-8s %-7s %7s %8s %8s %6s %5s  %-14s %-14s %8s",
      "time", "pipeline", "win/s", "p50 ms", "p99 ms", "misses", "shed", "injected", "predicted", "accuracy");

  private final PrintStream out;
  private final boolean ansi;
  private final ResultTracker tracker;
  private final Map<String, Long> lastResults = new java.util.HashMap<>();
  private int linesDrawn;

  TerminalView(PrintStream out, boolean ansi, ResultTracker tracker) {
    this.out = out;
    this.ansi = ansi;
    this.tracker = tracker;
  }

  void render(long elapsedSeconds, Map<String, Object> status, double intervalSeconds) {
    render(elapsedSeconds, status, intervalSeconds, List.of());
  }

  /** As above, first printing {@code timeline} lines (variant switches) above the table, where they stay. */
  @SuppressWarnings("unchecked")
  void render(long elapsedSeconds, Map<String, Object> status, double intervalSeconds, List<String> timeline) {
    List<Map<String, Object>> pipelines = (List<Map<String, Object>>) status.get("pipelines");
    StringBuilder sb = new StringBuilder();
    if (ansi && linesDrawn > 0) {
      sb.append("\033[").append(linesDrawn).append('F');
    }
    for (String t : timeline) {
      sb.append(t).append(ansi ? "\033[K\n" : "\n");
    }
    int lines = 0;
    if (ansi || elapsedSeconds % 10 == 1) {
      sb.append(HEADER).append(ansi ? "\033[K\n" : "\n");
      lines++;
    }
    for (Map<String, Object> p : pipelines) {
      String name = (String) p.get("name");
      ResultTracker.Tally t = tracker.tally(name);
      long results = t.results;
      long previous = lastResults.getOrDefault(name, 0L);
      lastResults.put(name, results);
      Map<String, Map<String, Double>> lat = (Map<String, Map<String, Double>>) p.get("latencyMs");
      Map<String, Double> total = lat.get("total");
      Map<String, Object> shed = (Map<String, Object>) p.get("shed");
      long shedTotal = shed.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
      String accuracy = t.scored == 0 ? "-" : String.format("%.1f %%", 100.0 * t.correct / t.scored);
      boolean wrong = !t.lastTop.equals(t.lastTruth);
      String predicted = ansi && wrong ? "\033[33m" + pad(t.lastTop) + "\033[0m" : pad(t.lastTop);
      sb.append(String.format("%6ds   %-7s %7.1f %8.2f %8.2f %6d %5d  %-14s %s %8s",
          elapsedSeconds, name, (results - previous) / intervalSeconds,
          total.getOrDefault("p50", 0.0), total.getOrDefault("p99", 0.0),
          ((Number) p.get("deadlineMisses")).longValue(), shedTotal, t.lastTruth, predicted, accuracy));
      sb.append(ansi ? "\033[K\n" : "\n");
      lines++;
    }
    linesDrawn = lines;
    out.print(sb);
    out.flush();
  }

  private static String pad(String s) {
    return String.format("%-14s", s);
  }
}
