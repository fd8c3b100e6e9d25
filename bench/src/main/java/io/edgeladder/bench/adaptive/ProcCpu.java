package io.edgeladder.bench.adaptive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc/<pid>/stat}: user + system time of all its threads (fields 14
 * and 15, in clock ticks of {@code 1 / CLK_TCK} s; 100 on Linux unless the kernel says otherwise, so
 * readings have 10 ms resolution: runs of tens of seconds keep the error under 0.1 %).
 */
public final class ProcCpu {
  static final double TICKS_PER_SECOND = 100;

  private ProcCpu() {}

  /** CPU seconds used by {@code pid} so far, or NaN when it cannot be read (no procfs, process gone). */
  public static double seconds(long pid) {
    try {
      return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * CPU seconds from the text of a {@code stat} file. The command name (field 2) is in parentheses and
   * may hold spaces, so fields are counted from the last ')'.
   *
   * @throws IllegalArgumentException when the text is not a stat line
   */
  static double parse(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: no ')' in '" + abbreviate(stat) + "'");
    }
    String[] f = stat.substring(close + 1).trim().split("\\s+");
    // f[0] is field 3 (state): utime is field 14 = f[11], stime field 15 = f[12].
    if (f.length < 13) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + (f.length + 2) + " fields in '"
          + abbreviate(stat) + "'");
    }
    try {
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: utime/stime '" + f[11] + "'/'" + f[12]
          + "' are not numbers", e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s.trim() : s.substring(0, 80) + "...";
  }
}
