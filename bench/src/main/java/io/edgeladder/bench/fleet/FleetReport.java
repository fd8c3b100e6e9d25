package io.edgeladder.bench.fleet;

import io.edgeladder.bench.MachineFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The figures of one {@code fleet} run: every distribution case beside its raw reference, the median per
 * fan-out size, and the heartbeat cost. Immutable.
 */
public record FleetReport(MachineFacts machine, String loadAverageAtEnd, String broker, long ladderBytes, int wideHidden, int window,
    boolean quick, List<DistributionCase> cases, HeartbeatResult heartbeats) {

  /** Medians over the repetitions of one fan-out size. */
  public record Summary(int agents, int repetitions, double oursTotalMs, double rawTotalMs, double totalRatio,
      double oursP50Ms, double oursP99Ms, double oursMaxMs, double rawP50Ms, double p50Ratio, double oursMBps,
      double rawMBps) {}

  public List<Summary> summaries() {
    List<Summary> out = new ArrayList<>();
    for (int n : new TreeSet<>(cases.stream().map(DistributionCase::agents).toList())) {
      List<DistributionCase> c = cases.stream().filter(x -> x.agents() == n).toList();
      double ours = median(c.stream().mapToDouble(DistributionCase::oursTotalMs).toArray());
      double raw = median(c.stream().mapToDouble(DistributionCase::rawTotalMs).toArray());
      double p50 = median(c.stream().mapToDouble(x -> x.oursPerAgent().p50Ms()).toArray());
      double rawP50 = median(c.stream().mapToDouble(x -> x.rawPerAgent().p50Ms()).toArray());
      out.add(new Summary(n, c.size(), r(ours), r(raw), r(ours / raw),
          r(p50), r(median(c.stream().mapToDouble(x -> x.oursPerAgent().p99Ms()).toArray())),
          r(median(c.stream().mapToDouble(x -> x.oursPerAgent().maxMs()).toArray())), r(rawP50), r(p50 / rawP50),
          r(ladderBytes * (double) n / 1e6 / (ours / 1e3)), r(ladderBytes * (double) n / 1e6 / (raw / 1e3))));
    }
    return out;
  }

  /** Whether the 1-minute load average exceeded the cores at start or end: other work shared the CPUs. */
  public boolean noisy() {
    return load1(machine.loadAverageAtStart()) > machine.cores() || load1(loadAverageAtEnd) > machine.cores();
  }

  Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("quick", quick);
    s.put("broker", "mosquitto".equals(broker) ? "mosquitto (own process; controller and simulated agents in the bench JVM)"
        : "embedded HiveMQ CE (in-process with the controller and the simulated agents)");
    s.put("heartbeatBroker", "embedded HiveMQ CE in the child JVM with the simulated agents");
    s.put("chunkSizeBytes", io.edgeladder.protocol.dist.Chunker.DEFAULT_CHUNK_SIZE);
    s.put("windowInFlight", window);
    s.put("ladder", "configs/ladder fp32 + qat (real) + generated wide-fp32 rung (Flatten-Gemm 3072x" + wideHidden
        + "-Relu-Gemm, seeded random weights)");
    s.put("ladderBytes", ladderBytes);
    return s;
  }

  static String caseLine(DistributionCase c) {
    return String.format(Locale.ROOT, "  %2d agents rep %d: ours %8.1f ms (publish %7.1f, per agent p50 %7.1f p99 %7.1f"
        + " max %7.1f) | raw %7.1f ms (p50 %7.1f) | ours/raw %.2fx", c.agents(), c.repetition(), c.oursTotalMs(),
        c.oursPublishMs(), c.oursPerAgent().p50Ms(), c.oursPerAgent().p99Ms(), c.oursPerAgent().maxMs(),
        c.rawTotalMs(), c.rawPerAgent().p50Ms(), c.totalRatio());
  }

  String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Ladder %.2f MB (%d B), chunks of %d KiB, %d in flight, broker %s%n",
        ladderBytes / 1e6, ladderBytes, io.edgeladder.protocol.dist.Chunker.DEFAULT_CHUNK_SIZE / 1024, window, broker));
    sb.append(String.format(Locale.ROOT, "%-8s %-5s %-12s %-30s %-12s %-10s %-10s %s%n", "agents", "reps",
        "ours total", "ours per agent p50/p99/max", "raw total", "raw p50", "ours/raw", "MB/s ours/raw"));
    for (Summary s : summaries()) {
      sb.append(String.format(Locale.ROOT, "%-8d %-5d %-12s %-30s %-12s %-10s %-10s %s%n", s.agents(),
          s.repetitions(), f(s.oursTotalMs()) + " ms", f(s.oursP50Ms()) + " / " + f(s.oursP99Ms()) + " / "
          + f(s.oursMaxMs()) + " ms", f(s.rawTotalMs()) + " ms", f(s.rawP50Ms()) + " ms",
          String.format(Locale.ROOT, "%.2fx", s.totalRatio()), f(s.oursMBps()) + " / " + f(s.rawMBps())));
    }
    HeartbeatResult h = heartbeats;
    sb.append(String.format(Locale.ROOT, "%nHeartbeats: %d agents x %.1f Hz x %.0f s: sent %d, recorded %d (other %d)"
        + "%n  controller CPU %.1f ms per 1 000 heartbeats, %.1f ms in steady state (last 3/4)"
        + "%n  (%.0f ms CPU over %.0f ms wall = %.1f%% of one core)"
        + "%n  ingest lag p50 %.1f / p99 %.1f / max %.1f ms%n", h.agents(), h.rateHz(), h.seconds(), h.sent(),
        h.recorded(), h.otherOutcomes(), h.cpuMsPer1000(), h.steadyCpuMsPer1000(), h.controllerCpuMs(), h.wallMs(),
        100 * h.cpuShareOfOneCore(), h.lag().p50Ms(), h.lag().p99Ms(), h.lag().maxMs()));
    sb.append("  CPU ms by thread: ").append(h.cpuMsByThread()).append(System.lineSeparator());
    sb.append(String.format(Locale.ROOT, "%nLoad average %s at start, %s at end, %d cores%s%n",
        machine.loadAverageAtStart(), loadAverageAtEnd, machine.cores(),
        noisy() ? ": NOISY RUN, other work shared the CPUs" : ""));
    return sb.toString();
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double r(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
  }

  private static double load1(String loadAverage) {
    try {
      return Double.parseDouble(loadAverage.split(" ")[0]);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
