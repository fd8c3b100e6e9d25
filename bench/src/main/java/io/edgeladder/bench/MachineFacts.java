package io.edgeladder.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run happened, recorded beside its figures.
 *
 * @param cores processors available to the JVM
 * @param cpuModel {@code model name} from {@code /proc/cpuinfo}, or "unknown"
 * @param memTotalBytes {@code MemTotal} from {@code /proc/meminfo}, or -1
 * @param os name, version (kernel) and architecture
 * @param jvm VM name and runtime version (the agent's child JVM is the same binary)
 * @param loadAverageAtStart 1, 5 and 15 min load averages when the run started: other work on the
 *     machine shares its cores and shows in the tails
 */
public record MachineFacts(int cores, String cpuModel, long memTotalBytes, String os, String jvm,
    String loadAverageAtStart) {
  public static MachineFacts probe() {
    return new MachineFacts(Runtime.getRuntime().availableProcessors(),
        procField("/proc/cpuinfo", "model name", "unknown"), memTotal(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), loadAverage());
  }

  /** The first three fields of {@code /proc/loadavg}, or "unknown". */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static long memTotal() {
    String kb = procField("/proc/meminfo", "MemTotal", null);
    if (kb == null) {
      return -1;
    }
    try {
      return Long.parseLong(kb.replace("kB", "").trim()) * 1024;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String procField(String file, String key, String fallback) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(key)) {
          int colon = line.indexOf(':');
          return colon < 0 ? fallback : line.substring(colon + 1).trim();
        }
      }
    } catch (Exception e) {
      return fallback;
    }
    return fallback;
  }
}
