package io.edgeladder.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@code e2e} run, each beside the reference measured in the same run, and the issue's
 * targets with met/missed. The agent's overhead is what remains of its E2E latency once the transport
 * (MQTT echo round trip) and the inference (raw ORT run) are taken out, at the same percentile.
 */
final class Report {
  static final double OVERHEAD_P99_MAX_MS = 0.3;
  static final double SATURATION_MIN_RATIO = 0.9;
  static final double ALLOCATION_MAX_BYTES = 64;
  static final double RSS_MAX_MB = 160;

  private final RawOrtBench.Result ort;
  private final MqttEchoBench.Result echo;
  private final AgentE2eResult agent;
  private final int cores;
  private final String loadAtStart;
  private final String loadAtEnd;

  Report(RawOrtBench.Result ort, MqttEchoBench.Result echo, AgentE2eResult agent, int cores, String loadAtStart,
      String loadAtEnd) {
    this.ort = ort;
    this.echo = echo;
    this.agent = agent;
    this.cores = cores;
    this.loadAtStart = loadAtStart;
    this.loadAtEnd = loadAtEnd;
  }

  /**
   * Whether other work competed for the cores: a 1-minute load average above the core count at the start
   * or the end. Tails (p99, p99.9) then measure the neighbours more than the agent, and an overhead
   * below zero means exactly that.
   */
  boolean noisy() {
    return load1(loadAtStart) > cores || load1(loadAtEnd) > cores;
  }

  private static double load1(String loadAverage) {
    try {
      return Double.parseDouble(loadAverage.split(" ")[0]);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  double overheadMs(Pct pct) {
    return pct.of(agent.fixedRate().e2e()) - pct.of(echo.roundTrip()) - pct.of(ort.latency());
  }

  double saturationRatio() {
    return agent.saturation() == null ? Double.NaN : agent.saturation().resultRate() / ort.runsPerSecond();
  }

  double rssMaxMb() {
    long rss = agent.fixedRate().rssMaxBytes();
    return rss < 0 ? Double.NaN : rss / 1e6;
  }

  Map<String, Double> derived() {
    Map<String, Double> d = new LinkedHashMap<>();
    for (Pct p : Pct.values()) {
      d.put("agentOverhead" + p.key + "Ms", round(overheadMs(p), 3));
      double ref = p.of(echo.roundTrip()) + p.of(ort.latency());
      d.put("e2eOverReference" + p.key, round(p.of(agent.fixedRate().e2e()) / ref, 3));
    }
    d.put("saturatedOverRawOrt", round(saturationRatio(), 3));
    d.put("allocatedBytesPerWindow", round(agent.fixedRate().allocation().bytesPerWindow(), 1));
    d.put("rssMaxMB", round(rssMaxMb(), 1));
    d.put("rssFinalMB", round(agent.fixedRate().rssFinalBytes() / 1e6, 1));
    d.put("echoAllocatedBytesPerMessage", round(echo.echoAllocatedBytesPerMessage(), 1));
    d.put("noisy", noisy() ? 1.0 : 0.0);
    return d;
  }

  List<Target> targets() {
    return List.of(
        new Target("agent overhead p99 (E2E - echo - ORT)", round(overheadMs(Pct.P99), 3), OVERHEAD_P99_MAX_MS,
            true, "ms", noisy()),
        new Target("saturated results/s over raw ORT runs/s", round(saturationRatio(), 3), SATURATION_MIN_RATIO,
            false, "x", noisy()),
        new Target("allocated per window (agent process)", round(agent.fixedRate().allocation().bytesPerWindow(), 1),
            ALLOCATION_MAX_BYTES, true, "B", noisy()),
        new Target("agent RSS, max in steady state", round(rssMaxMb(), 1), RSS_MAX_MB, true, "MB", noisy()));
  }

  String table() {
    AgentE2eResult.FixedRate f = agent.fixedRate();
    List<String[]> rows = new ArrayList<>();
    rows.add(row("raw ORT run p50 / p99 / p99.9 (ms)", pcts(ort.latency()), "-", "-"));
    rows.add(row("raw ORT throughput (runs/s)", num(ort.runsPerSecond(), 0), "-", "-"));
    rows.add(row("MQTT echo RTT p50 / p99 / p99.9 (ms)", pcts(echo.roundTrip()),
        "at " + num(echo.sendRate(), 0) + " msg/s", "lost " + echo.lost()));
    for (Pct p : Pct.values()) {
      double ref = p.of(echo.roundTrip()) + p.of(ort.latency());
      rows.add(row("agent E2E " + p.label + " (ms)", num(p.of(f.e2e()), 3), "echo+ORT " + num(ref, 3),
          num(p.of(f.e2e()) / ref, 2) + "x"));
    }
    for (Pct p : Pct.values()) {
      rows.add(row("agent overhead " + p.label + " (ms)", num(overheadMs(p), 3), "E2E - echo - ORT", "-"));
    }
    rows.add(row("fixed-rate results/s", num(f.resultRate(), 0), "sent " + num(f.sendRate(), 0) + "/s",
        num(f.resultRate() / f.sendRate(), 3) + "x"));
    rows.add(row("results lost / deadline misses / shed", f.lost() + " / " + f.counts().deadlineMisses() + " / "
        + f.counts().shed(), "of " + f.expected() + " windows", f.mappingVerified() ? "seq map ok" : "SEQ MAP ?"));
    if (agent.saturation() != null) {
      AgentE2eResult.Saturation s = agent.saturation();
      rows.add(row("saturated results/s", num(s.resultRate(), 0), "raw ORT " + num(ort.runsPerSecond(), 0) + "/s",
          num(saturationRatio(), 3) + "x"));
      rows.add(row("saturated E2E p50 / p99 (ms), shed", num(s.e2e().p50Ms(), 3) + " / " + num(s.e2e().p99Ms(), 3)
          + ", " + s.counts().shed(), "in-flight <= " + s.maxInFlight(), "-"));
    }
    Allocation a = f.allocation();
    rows.add(row("allocated per window (B)", num(a.bytesPerWindow(), 1),
        "echo JVM " + num(echo.echoAllocatedBytesPerMessage(), 0) + " B/msg",
        num(a.bytesPerWindow() / echo.echoAllocatedBytesPerMessage(), 2) + "x"));
    rows.add(row("agent RSS max / final (MB)", num(rssMaxMb(), 1) + " / " + num(f.rssFinalBytes() / 1e6, 1),
        f.rssSamples() + " samples", "-"));
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      sb.append(String.format(Locale.ROOT, "%-40s %-24s %-34s %s%n", (Object[]) r));
    }
    sb.append(String.format(Locale.ROOT, "%nTargets%n"));
    for (Target t : targets()) {
      sb.append(String.format(Locale.ROOT, "  %-44s %10s %-3s %s %-6s %s%n", t.name(), num(t.value(), 3), t.unit(),
          t.atMost() ? "<=" : ">=", num(t.limit(), 1), t.verdict()));
    }
    if (noisy()) {
      sb.append(String.format(Locale.ROOT, "%nNOISY RUN: load average %s at start, %s at end, on %d cores: other work"
          + " shared the CPUs; p99/p99.9 and the overhead derived from them are not trustworthy.%n", loadAtStart,
          loadAtEnd, cores));
    }
    return sb.toString();
  }

  private static String[] row(String... cells) {
    return cells;
  }

  private static String pcts(Samples.Summary s) {
    return num(s.p50Ms(), 3) + " / " + num(s.p99Ms(), 3) + " / " + num(s.p999Ms(), 3);
  }

  static String num(double v, int decimals) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static double round(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }

  /** The percentiles every figure is reported at. */
  enum Pct {
    P50("P50", "p50"), P99("P99", "p99"), P999("P999", "p99.9");

    final String key;
    final String label;

    Pct(String key, String label) {
      this.key = key;
      this.label = label;
    }

    double of(Samples.Summary s) {
      return switch (this) {
        case P50 -> s.p50Ms();
        case P99 -> s.p99Ms();
        case P999 -> s.p999Ms();
      };
    }
  }
}
