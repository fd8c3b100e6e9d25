package io.edgeladder.agent.monitor.linux;

import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.monitor.linux.ProbeFiles.BadFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses /proc: CPU tick counters ({@code /proc/stat}, {@code /proc/self/stat}), load average,
 * {@code /proc/meminfo} and the process RSS. Stateless apart from the root.
 */
final class ProcReader {
  private final Path proc;

  ProcReader(Path root) {
    this.proc = root.resolve("proc");
  }

  /** Tick counters at one instant: index 0 is the aggregate line, then one per core. */
  record Ticks(long[] busy, long[] total, long process) {}

  Ticks ticks(boolean withProcess) throws BadFile {
    Path statFile = proc.resolve("stat");
    String stat = ProbeFiles.read(statFile);
    List<long[]> lines = new ArrayList<>();
    for (String line : stat.split("\n")) {
      if (!line.startsWith("cpu")) continue;
      String[] f = line.trim().split("\\s+");
      if (f.length < 5) throw new BadFile(statFile, "has a short cpu line: '" + ProbeFiles.abbreviate(line) + "'");
      long total = 0;
      long idle = 0;
      // user nice system idle iowait irq softirq steal; guest time is already inside user.
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        long v = parse(statFile, f[i]);
        total += v;
        if (i == 4 || i == 5) idle += v;
      }
      lines.add(new long[] {total - idle, total});
    }
    if (lines.size() < 2) throw new BadFile(statFile, "has no per-core cpu lines");
    long[] busy = new long[lines.size()];
    long[] total = new long[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      busy[i] = lines.get(i)[0];
      total[i] = lines.get(i)[1];
    }
    return new Ticks(busy, total, withProcess ? processTicks() : -1);
  }

  /** utime + stime of this process, in clock ticks. */
  long processTicks() throws BadFile {
    Path file = proc.resolve("self").resolve("stat");
    String s = ProbeFiles.read(file);
    int close = s.lastIndexOf(')'); // the command name may hold spaces and parentheses
    String[] f = close < 0 ? new String[0] : s.substring(close + 1).trim().split("\\s+");
    if (f.length < 13) throw new BadFile(file, "is not a process stat line: '" + ProbeFiles.abbreviate(s) + "'");
    return parse(file, f[11]) + parse(file, f[12]); // fields 14 and 15: utime, stime
  }

  double load1() throws BadFile {
    Path file = proc.resolve("loadavg");
    String s = ProbeFiles.read(file).trim();
    String first = s.split("\\s+")[0];
    try {
      return Double.parseDouble(first);
    } catch (NumberFormatException e) {
      throw new BadFile(file, "does not start with a number: '" + ProbeFiles.abbreviate(s) + "'");
    }
  }

  /** {@code {MemTotal, MemAvailable}} in bytes. */
  long[] meminfo() throws BadFile {
    Path file = proc.resolve("meminfo");
    String s = ProbeFiles.read(file);
    long total = kiloBytes(file, s, "MemTotal:");
    long available = kiloBytes(file, s, "MemAvailable:");
    if (total <= 0 || available < 0) {
      throw new BadFile(file, "has MemTotal " + total + " kB, MemAvailable " + available + " kB");
    }
    return new long[] {total * 1024, available * 1024};
  }

  long rssBytes() throws BadFile {
    Path file = proc.resolve("self").resolve("status");
    return kiloBytes(file, ProbeFiles.read(file), "VmRSS:") * 1024;
  }

  static ResourceSample.Cpu cpu(Ticks before, Ticks after, double load1, long intervalMillis) {
    int n = Math.min(before.busy.length, after.busy.length);
    List<Double> perCore = new ArrayList<>(n - 1);
    for (int i = 1; i < n; i++) perCore.add(percent(after.busy[i] - before.busy[i], after.total[i] - before.total[i]));
    double system = percent(after.busy[0] - before.busy[0], after.total[0] - before.total[0]);
    double process = before.process < 0 || after.process < 0 ? Double.NaN
        : percent(after.process - before.process, after.total[0] - before.total[0]);
    return new ResourceSample.Cpu(system, process, perCore, load1, intervalMillis);
  }

  private static double percent(long part, long whole) {
    if (whole <= 0 || part < 0) return 0; // no ticks elapsed, or a counter reset (CPU hot-unplug)
    return Math.min(100.0, 100.0 * part / whole);
  }

  private static long kiloBytes(Path file, String text, String key) throws BadFile {
    int at = text.indexOf(key);
    if (at < 0) throw new BadFile(file, "has no " + key + " line");
    int end = text.indexOf('\n', at);
    String[] f = text.substring(at + key.length(), end < 0 ? text.length() : end).trim().split("\\s+");
    return parse(file, f[0]);
  }

  private static long parse(Path file, String field) throws BadFile {
    try {
      return Long.parseLong(field);
    } catch (NumberFormatException e) {
      throw new BadFile(file, "holds '" + ProbeFiles.abbreviate(field) + "' where a number belongs");
    }
  }
}
