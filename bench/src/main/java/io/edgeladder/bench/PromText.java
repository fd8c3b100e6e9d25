package io.edgeladder.bench;

import java.util.List;

/** Reads values out of Prometheus text exposition format (what the agent serves on {@code /metrics}). */
final class PromText {
  /** Allocation meters the agent may expose, best first: per-thread allocation sums, then the GC-based one. */
  static final List<String> ALLOCATION_METERS = List.of(
      "edge_jvm_allocated_bytes_total",
      "edge_jvm_allocated_total",
      "edge_process_allocated_bytes_total",
      "jvm_gc_memory_allocated_bytes_total");

  private PromText() {}

  /** The sum of every sample of {@code name} (over all tag sets), or NaN when the meter is absent. */
  static double sum(String text, String name) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (!line.startsWith(name) || line.length() == name.length()) {
        continue;
      }
      char next = line.charAt(name.length());
      if (next != '{' && next != ' ') {
        continue;
      }
      int space = line.lastIndexOf(' ');
      try {
        sum += Double.parseDouble(line.substring(space + 1).trim());
        found = true;
      } catch (NumberFormatException e) {
        // a timestamp-less sample always ends in its value; anything else is not a sample line
      }
    }
    return found ? sum : Double.NaN;
  }

  /** The first of {@code names} present in {@code text}, or null. */
  static String firstPresent(String text, List<String> names) {
    for (String n : names) {
      if (!Double.isNaN(sum(text, n))) {
        return n;
      }
    }
    return null;
  }
}
