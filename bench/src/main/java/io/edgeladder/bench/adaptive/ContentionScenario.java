package io.edgeladder.bench.adaptive;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * (b) A CPU-contention step: the {@link Competitor} (one busy process) starts at
 * {@code competitorAtSeconds} and runs to the end; the same stream is served twice, by the static
 * reference (most accurate rung pinned, no probation) and by the policy. The window rate is chosen from
 * capacities measured first in the same run ({@link CapacityProbe}): the geometric mean of the static
 * rung's saturated rate without and with the competitor, so the static agent is under capacity before the
 * step and over it after, by the same factor (unless {@code fixedWindowsPerSecond} is given).
 */
final class ContentionScenario {
  private ContentionScenario() {}

  static ContentionResult run(PolicyRun.Params base, double fixedWindowsPerSecond, double capacitySeconds,
      Consumer<String> progress) throws Exception {
    BenchLadder ladder = base.ladder();
    String top = ladder.mostAccurate().id();
    List<String> rungs = ladder.rungs().stream().map(r -> r.id()).toList();
    progress.accept("      capacity probe (" + capacitySeconds + " s per rung and condition)");
    Map<String, CapacityProbe.Capacity> capacity = CapacityProbe.measure(base, rungs, capacitySeconds, progress);
    CapacityProbe.Capacity staticCap = capacity.get(top);
    double rate = fixedWindowsPerSecond > 0 ? fixedWindowsPerSecond
        : chooseRate(staticCap, base.windowsPerMessage());
    progress.accept(String.format("      window rate %.0f/s: static %s capacity %.0f/s free (%.2fx the rate), %.0f/s"
            + " with the competitor (%.2fx)", rate, top, staticCap.free(), staticCap.free() / rate,
        staticCap.contended(), staticCap.contended() / rate));
    PolicyRun.Params p = new PolicyRun.Params(base.brokerUrl(), base.httpPort(), base.modelCard(), ladder,
        base.windowsPerMessage(), base.workers(), rate, base.deadlineMs(), base.warmupSeconds(), base.seconds(),
        base.competitorAtSeconds(), base.competitorCpu(), base.competitorNice(), base.holdDownMs(), null, base.noise(),
        base.jvmFlags(), base.workDir(), base.seed());
    RunFigures fixed = PolicyRun.run(p, "contention-static", top, progress);
    RunFigures adaptive = PolicyRun.run(p, "contention-adaptive", null, progress);
    return new ContentionResult(rate, base.windowsPerMessage(), base.workers(), base.deadlineMs(),
        base.competitorAtSeconds(), base.competitorCpu(), base.competitorNice(),
        base.seconds(), base.holdDownMs(), top, capacity, fixed, adaptive);
  }

  /** Geometric mean of the free and contended capacity, rounded to whole messages per second. */
  static double chooseRate(CapacityProbe.Capacity c, int windowsPerMessage) {
    double mean = Math.sqrt(c.free() * c.contended());
    return Math.max(1, Math.round(mean / windowsPerMessage)) * (double) windowsPerMessage;
  }
}
