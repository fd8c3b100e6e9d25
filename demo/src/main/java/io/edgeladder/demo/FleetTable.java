package io.edgeladder.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The fleet demo's live table, one row per agent, refreshed every second below the timeline: whether the
 * controller sees it online, the release and variant it reports, its battery and the background load its
 * monitor sees, results per second, deadline misses (cumulative and the miss rate of its last heartbeat),
 * p99 and live accuracy. On a terminal the table redraws in place; piped, it appends rows every 10 s. Used by
 * the demo's loop thread only.
 */
final class FleetTable {
  private static final String HEADER = String.format(Locale.ROOT,
      "%-7s %-6s %-6s %-9s %-11s %-26s %5s %6s %7s %6s %7s %8s", "time", "agent", "online", "release", "variant",
      "battery", "load", "win/s", "misses", "miss%", "p99 ms", "accuracy");

  /**
   * One agent.
   *
   * @param release the first 8 hex digits of its release, {@code -} for the model card it started with
   * @param battery e.g. {@code 41% discharging 0.0 W} or {@code mains}
   * @param load other processes' cores, NaN when unknown
   * @param accuracy live accuracy against the injected condition, {@code -} before any scored result
   */
  record Row(String agent, boolean online, String release, String variant, String battery, double load,
      double windowsPerSecond, long misses, double missRate, double p99Ms, String accuracy) {}

  private final PrintStream out;
  private final boolean ansi;
  private int linesDrawn;

  FleetTable(PrintStream out, boolean ansi) {
    this.out = out;
    this.ansi = ansi;
  }

  /** Prints {@code timeline} (lines that stay) and, on a terminal or every 10 s, the rows. */
  void render(long elapsedSeconds, List<Row> rows, List<String> timeline) {
    StringBuilder sb = new StringBuilder();
    String eol = ansi ? "\033[K\n" : "\n";
    if (ansi && linesDrawn > 0) sb.append("\033[").append(linesDrawn).append('F');
    for (String t : timeline) sb.append(t).append(eol);
    int lines = 0;
    if (ansi || elapsedSeconds % 10 == 1) {
      sb.append(HEADER).append(eol);
      lines++;
      for (Row r : rows) {
        sb.append(String.format(Locale.ROOT, "%6ds %-6s %-6s %-9s %-11s %-26s %5s %6.1f %7d %5.1f%% %7.2f %8s",
            elapsedSeconds, r.agent(), r.online() ? "yes" : "NO", r.release(), r.variant(), r.battery(),
            Double.isNaN(r.load()) ? "-" : String.format(Locale.ROOT, "%.1f", r.load()), r.windowsPerSecond(),
            r.misses(), 100 * r.missRate(), r.p99Ms(), r.accuracy())).append(eol);
        lines++;
      }
    }
    linesDrawn = ansi ? lines : 0;
    out.print(sb);
    out.flush();
  }
}
