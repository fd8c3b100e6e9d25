package io.edgeladder.bench.fleet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's live threads, grouped by name with digits removed ({@code fleet-ingest-1} and
 * {@code fleet-ingest-2} are one group), between {@link #start()} and {@link #groupsMs}. JVM-internal threads
 * (GC, JIT) are not Java threads and only show in the process total. Single-threaded use.
 */
final class ThreadCpu {
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> start = new HashMap<>();

  ThreadCpu start() {
    for (long id : mx.getAllThreadIds()) start.put(id, Math.max(0, mx.getThreadCpuTime(id)));
    return this;
  }

  /** The {@code top} groups by CPU ms since {@link #start()}, largest first. */
  Map<String, Double> groupsMs(int top) {
    Map<String, Double> groups = new HashMap<>();
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t == null) continue;
      long now = mx.getThreadCpuTime(t.getThreadId());
      if (now < 0) continue;
      double ms = (now - start.getOrDefault(t.getThreadId(), 0L)) / 1e6;
      groups.merge(t.getThreadName().replaceAll("[0-9]+", "#"), ms, Double::sum);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
        .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));
    return out;
  }
}
