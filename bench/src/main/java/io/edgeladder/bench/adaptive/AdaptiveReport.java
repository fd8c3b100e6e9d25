package io.edgeladder.bench.adaptive;

import io.edgeladder.bench.Samples;
import io.edgeladder.bench.Target;
import io.edgeladder.protocol.ladder.VariantEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The printed tables of an {@code adaptive} run, each figure beside its in-run reference, and the issue's
 * targets with met/missed. Any of the three results may be null (scenario not run).
 */
record AdaptiveReport(BenchLadder ladder, SwapResult swaps, ContentionResult contention, BatteryResult battery,
    int cores, String loadAtStart, String loadAtEnd) {

  static final double SWAP_MAX_OVER_P99 = 1.5;
  static final double ADAPTIVE_MISS_MAX = 0.01;
  static final double STATIC_MISS_MIN = 0.20;
  static final double ENERGY_RATIO_MAX = 0.6;

  /** A 1-minute load average above the core count at the start or the end: other work shared the CPUs. */
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

  List<Target> targets() {
    List<Target> t = new ArrayList<>();
    boolean n = noisy();
    if (swaps != null) {
      t.add(new Target("swaps: windows lost + duplicated + reordered", swaps.lost() + swaps.duplicates()
          + swaps.reordered(), 0, true, "windows", n));
      t.add(new Target("swaps: max latency near swaps / steady p99", round(swaps.swapMaxOverSteadyP99(), 3),
          SWAP_MAX_OVER_P99, true, "x", n));
    }
    if (contention != null) {
      t.add(new Target("contention: adaptive miss rate (contention)", round(contention.adaptive().missRateAfter(), 4),
          ADAPTIVE_MISS_MAX, true, "", n));
      t.add(new Target("contention: static miss rate (contention)", round(contention.fixed().missRateAfter(), 4),
          STATIC_MISS_MIN, false, "", n));
    }
    if (battery != null) {
      t.add(new Target("battery: adaptive / static CPU s per 1000", round(battery.energyRatio(), 3), ENERGY_RATIO_MAX,
          true, "x", n));
    }
    return t;
  }

  String table() {
    StringBuilder sb = new StringBuilder();
    if (ladder != null) {
      ladderTable(sb);
    }
    if (swaps != null) {
      swapTable(sb);
    }
    if (contention != null) {
      contentionTable(sb);
    }
    if (battery != null) {
      batteryTable(sb);
    }
    sb.append(String.format(Locale.ROOT, "%nTargets%n"));
    for (Target t : targets()) {
      sb.append(String.format(Locale.ROOT, "  %-48s %10s %-7s %s %-6s %s%n", t.name(), num(t.value(), 4), t.unit(),
          t.atMost() ? "<=" : ">=", num(t.limit(), 2), t.verdict()));
    }
    sb.append(String.format(Locale.ROOT, "%nload average %s at start, %s at end, %d cores%s%n", loadAtStart, loadAtEnd,
        cores, noisy() ? ": NOISY RUN, other work shared the CPUs; tails and miss rates measure the neighbours too"
            : ""));
    return sb.toString();
  }

  private void ladderTable(StringBuilder sb) {
    sb.append(String.format(Locale.ROOT, "Bench ladder (validation: %d windows, noise %.2f-%.2f m/s2, seed %d)%n",
        ladder.spec().count(), ladder.spec().minNoise(), ladder.spec().maxNoise(), ladder.spec().seed()));
    sb.append(String.format(Locale.ROOT, "  %-14s %-10s %9s %9s %9s  %s%n", "variant", "status", "accuracy", "p50 ms",
        "p99 ms", "note"));
    for (VariantEntry e : ladder.manifest().variants()) {
      sb.append(String.format(Locale.ROOT, "  %-14s %-10s %9s %9s %9s  %s%n", e.id(),
          e.accepted() ? "rung" : "rejected", e.accuracy() == null ? "-" : num(e.accuracy(), 3),
          e.latency() == null ? "-" : num(e.latency().p50Ms(), 3), e.latency() == null ? "-" : num(e.latency().p99Ms(), 3),
          e.accepted() ? (e.id().equals(ladder.mostAccurate().id()) ? "most accurate" : "")
              : String.valueOf(e.rejectReason())));
    }
  }

  private void swapTable(StringBuilder sb) {
    SwapResult s = swaps;
    sb.append(String.format(Locale.ROOT, "%nSwaps (a): %d windows, %d swaps requested, %d completed, %d failed%n",
        s.windows(), s.swaps().size(), s.completedSwaps(), s.failedSwaps()));
    row(sb, "lost / duplicated / reordered", s.lost() + " / " + s.duplicates() + " / " + s.reordered(), "must be 0",
        "unanswered " + s.unanswered() + ", agent shed " + s.agent().shed());
    row(sb, "steady E2E p50 / p99 / p99.9 (ms)", pcts(s.steady()), s.steady().count() + " windows", "reference");
    row(sb, "near swaps E2E p99 / max (ms)", num(s.nearSwaps().p99Ms(), 3) + " / " + num(s.nearSwaps().maxMs(), 3),
        s.nearSwaps().count() + " windows", num(s.swapMaxOverSteadyP99(), 2) + "x steady p99");
    row(sb, "control intervals E2E p99 / max (ms)", num(s.controls().p99Ms(), 3) + " / " + num(s.controls().maxMs(), 3),
        s.controls().count() + " windows, no swap", num(s.controlMaxOverSteadyP99(), 2) + "x steady p99");
    row(sb, "near-swap max / control max", num(s.swapMaxOverControlMax(), 2) + "x", "same run, same count",
        "what the swaps add to the tail");
    row(sb, "request -> first new result (ms)", "median " + num(s.medianToFirstResultMs(), 1) + ", max "
        + num(s.maxToFirstResultMs(), 1), "load+warm+golden+flip", "");
    row(sb, "atomic flip (us)", "median " + num(s.medianFlipMicros(), 0) + ", max " + num(s.maxFlipMicros(), 0),
        "swap.completed", "");
    row(sb, "late results (deadline " + s.deadlineMs() + " ms)", Long.toString(s.late()), "", "");
  }

  private void contentionTable(StringBuilder sb) {
    ContentionResult c = contention;
    sb.append(String.format(Locale.ROOT, "%nContention (b): %.0f windows/s (%d per message), %d workers, deadline %d ms,"
            + " competitor from %.0f s of %.0f s, hold-down %d ms%n", c.windowsPerSecond(), c.windowsPerMessage(),
        c.workers(), c.deadlineMs(),
        c.competitorAtSeconds(), c.seconds(), c.holdDownMs()));
    for (Map.Entry<String, CapacityProbe.Capacity> e : c.capacity().entrySet()) {
      row(sb, "capacity " + e.getKey() + " free / competitor", num(e.getValue().free(), 0) + " / "
          + num(e.getValue().contended(), 0) + " w/s", "rate " + num(c.windowsPerSecond(), 0),
          num(e.getValue().free() / c.windowsPerSecond(), 2) + "x / " + num(e.getValue().contended()
              / c.windowsPerSecond(), 2) + "x");
    }
    row(sb, "competitor (nice " + c.competitorNice() + (c.competitorCpu() >= 0 ? ", cpu " + c.competitorCpu() : "")
        + ") occupied", num(c.fixed().competitorCores(), 2) + " / " + num(c.adaptive().competitorCores(), 2) + " cores",
        "static / adaptive run", "");
    runRows(sb, c.fixed(), "static " + c.staticVariant());
    runRows(sb, c.adaptive(), "adaptive");
    row(sb, "miss rate in contention, static / adaptive", pct(c.fixed().missRateAfter()) + " / "
        + pct(c.adaptive().missRateAfter()), "", num(c.missRatio(), 1) + "x");
  }

  private void batteryTable(StringBuilder sb) {
    BatteryResult b = battery;
    sb.append(String.format(Locale.ROOT, "%nBattery (c): %.0f windows/s for %.0f s, battery %.3f Wh from %.0f %%,"
            + " idle %.1f W + %.1f W per busy core, no harvest; policy budget %.3f W above %.0f %%%n",
        b.windowsPerSecond(), b.seconds(), b.battery().batteryWh(), b.battery().initialSoc() * 100,
        b.battery().idleWatts(), b.battery().wattsPerCore(), b.battery().budgetWatts(), b.battery().floor() * 100));
    for (RunFigures r : b.floor() == null ? List.of(b.fixed(), b.adaptive()) : List.of(b.fixed(), b.adaptive(), b.floor())) {
      row(sb, r.name() + (r.pinned() == null ? "" : " (" + r.pinned() + ")") + " CPU s / 1000",
          num(r.cpuSecondsPer1000(), 4), "ratio " + num(r.cpuSecondsPer1000() / b.fixed().cpuSecondsPer1000(), 3),
          "battery " + num(r.batteryStartPercent(), 1) + " -> " + num(r.batteryEndPercent(), 1) + " %");
      row(sb, "  stream accuracy, miss rate", pct(r.accuracy()) + ", " + pct(r.missRate()), "shares " + shares(r), "");
      switchRows(sb, r);
    }
    row(sb, "accuracy cost (adaptive vs static)", num(b.accuracyCostPoints(), 2) + " pt", "", "");
  }

  private void runRows(StringBuilder sb, RunFigures r, String label) {
    row(sb, label + ": miss before / after / all", pct(r.missRateBefore()) + " / " + pct(r.missRateAfter()) + " / "
        + pct(r.missRate()), "recovery " + (Double.isNaN(r.recoverySeconds()) ? "never" : num(r.recoverySeconds(), 0)
        + " s"), "shares " + shares(r));
    switchRows(sb, r);
  }

  private static void switchRows(StringBuilder sb, RunFigures r) {
    for (RunFigures.Switch s : r.switches()) {
      row(sb, String.format(Locale.ROOT, "  switch at %.1f s", s.atSeconds()), s.from() + " -> " + s.to(),
          s.reason() == null ? "" : abbreviate(s.reason(), 70), "");
    }
  }

  private static String shares(RunFigures r) {
    StringBuilder sb = new StringBuilder();
    r.variantShare().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(pct(v)));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String... cells) {
    sb.append(String.format(Locale.ROOT, "  %-44s %-28s %-26s %s%n", (Object[]) cells));
  }

  private static String pcts(Samples.Summary s) {
    return num(s.p50Ms(), 3) + " / " + num(s.p99Ms(), 3) + " / " + num(s.p999Ms(), 3);
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", v * 100);
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

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
