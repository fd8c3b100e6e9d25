package io.edgeladder.bench.adaptive;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * (b) A CPU-contention step: the {@link Competitor} (one busy process) starts at
 * {@code competitorAtSeconds} and runs to the end; the same stream is served twice, by the static
 * reference (most accurate rung pinned, no probation) and by the policy. The window rate is chosen from
 * capacities measured first in the same run ({@link CapacityProbe}) so that the scenario is the one the
 * benchmark asks about: the static rung has {@value #FREE_HEADROOM}x the rate free before the step and at
 * most {@value #CONTENDED_SHARE}x with the competitor (unless {@code fixedWindowsPerSecond} is given). The
 * earlier choice, the geometric mean of both capacities, put the static rung at 0.78-0.81x in contention,
 * where its misses varied from 11.6 % to 31.9 % between runs: too close to capacity to be a stable step.
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

  /** Free capacity over the rate before the step: the static rung keeps up with room to spare. */
  static final double FREE_HEADROOM = 1.15;
  /** Contended capacity over the rate, at most: the static rung is overloaded by >= 1/0.7 = 1.43x. */
  static final double CONTENDED_SHARE = 0.70;

  /**
   * The highest rate at which the static rung still has {@link #FREE_HEADROOM} when free, lowered to where its
   * contended capacity is {@link #CONTENDED_SHARE} of the rate when the competitor costs it less than that;
   * rounded to whole messages per second. A competitor that costs the static rung less than
   * CONTENDED_SHARE x FREE_HEADROOM (0.805) leaves the free-capacity rate: the scenario then reports a milder
   * overload ({@code contended / rate} in the output) instead of one the machine cannot produce.
   */
  static double chooseRate(CapacityProbe.Capacity c, int windowsPerMessage) {
    double rate = Math.min(c.free() / FREE_HEADROOM, c.contended() / CONTENDED_SHARE);
    return Math.max(1, Math.round(rate / windowsPerMessage)) * (double) windowsPerMessage;
  }
}
