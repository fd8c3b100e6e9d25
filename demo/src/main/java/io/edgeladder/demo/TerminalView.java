package io.edgeladder.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Prints the device state and one line per pipeline each second: variant serving, rate, latency,
 * misses, shed, and the prediction against the injected condition. Timeline lines (scenario steps,
 * switches, swaps, profile refreshes) go above and stay. On a terminal the table redraws in place; piped,
 * it appends plain lines (the header and device line every 10 s). Used by the demo's loop thread only.
 */
final class TerminalView {
  private static final String HEADER = String.format("%-8s %-8s %-10s %7s %8s %8s %6s %5s  %-14s %-14s %8s",
      "time", "pipeline", "variant", "win/s", "p50 ms", "p99 ms", "misses", "shed", "injected", "predicted",
      "accuracy");

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

  /**
   * @param timeline lines printed above the table, where they stay
   * @param device the device line ({@link DeviceState#describe()})
   */
  @SuppressWarnings("unchecked")
  void render(long elapsedSeconds, Map<String, Object> status, double intervalSeconds, List<String> timeline,
      String device) {
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
      sb.append("device: ").append(device).append(ansi ? "\033[K\n" : "\n");
      sb.append(HEADER).append(ansi ? "\033[K\n" : "\n");
      lines += 2;
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
      sb.append(String.format("%6ds   %-8s %-10s %7.1f %8.2f %8.2f %6d %5d  %-14s %s %8s",
          elapsedSeconds, name, p.get("variant"), (results - previous) / intervalSeconds,
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
