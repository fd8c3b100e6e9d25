package io.edgeladder.agent.control;

import io.edgeladder.protocol.fleet.PipelineKpi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-pipeline KPIs for heartbeats, from the agent's status snapshot (the counters and latency timers the
 * pipelines keep anyway: no work on the hot path). Counters are cumulative; miss and error rates are over
 * the interval since the previous call; p99 is the total-latency timer's p99, whose window rotates every
 * ~10 s over ~30 s (the same figure {@code /status} shows).
 *
 * <p>Threads: the reporter thread only (the previous counters are not shared).
 */
final class HeartbeatKpis {
  /** Windows, misses, errors at the previous call, by pipeline. */
  private final Map<String, long[]> previous = new HashMap<>();

  /** KPIs of every pipeline in {@code status} (an {@code AgentCore.status()} snapshot). */
  List<PipelineKpi> next(Map<String, Object> status) {
    List<PipelineKpi> out = new ArrayList<>();
    if (!(status.get("pipelines") instanceof List<?> pipelines)) return out;
    for (Object o : pipelines) {
      if (!(o instanceof Map<?, ?> p)) continue;
      String name = (String) p.get("name");
      long windows = number(p.get("windowsIn"));
      long results = number(p.get("windowsOut"));
      long misses = number(p.get("deadlineMisses")) + shed(p.get("shed"));
      long errors = number(p.get("inferenceFailures"));
      long[] before = previous.getOrDefault(name, new long[3]);
      previous.put(name, new long[] {windows, misses, errors});
      long dw = windows - before[0];
      out.add(new PipelineKpi(name, (String) p.get("variant"), (String) p.get("sha256"), windows, results, misses,
          errors, rate(misses - before[1], dw), rate(errors - before[2], dw), p99(p.get("latencyMs"))));
    }
    return out;
  }

  /** Windows shed because they could not be served in time (deadline, full queue, no buffer). */
  private static long shed(Object shed) {
    if (!(shed instanceof Map<?, ?> m)) return 0;
    return number(m.get("deadline")) + number(m.get("queue-full")) + number(m.get("no-buffer"));
  }

  private static double p99(Object latency) {
    if (latency instanceof Map<?, ?> l && l.get("total") instanceof Map<?, ?> t && t.get("p99") instanceof Number n) {
      double v = n.doubleValue();
      return Double.isFinite(v) && v > 0 ? v : 0;
    }
    return 0;
  }

  private static double rate(long part, long whole) {
    return whole <= 0 ? 0 : Math.min(1, Math.max(0, part / (double) whole));
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }
}
