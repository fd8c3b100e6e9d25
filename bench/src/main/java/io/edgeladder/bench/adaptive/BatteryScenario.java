package io.edgeladder.bench.adaptive;

import java.util.function.Consumer;

/**
 * (c) A draining battery: the agent's simulated power source ({@code monitor.power.source: simulated}, no
 * harvest) starts at {@code initialSoc} and drains by {@code idleWatts + wattsPerCore × busy cores}; the
 * policy's energy budget shrinks below its floor. The same stream is served by the static reference (most
 * accurate rung pinned), by the policy, and by the cheapest rung pinned (the floor any policy could reach
 * with this ladder). Energy proxy: CPU seconds of the agent process per 1000 served windows.
 */
final class BatteryScenario {
  private BatteryScenario() {}

  /**
   * The policy's energy budget: {@code factor} × the most accurate rung's modelled draw at the stream's
   * rate (its p50 on the bench ladder as CPU time per inference × watts per core × windows per second),
   * so the top rung fits while the battery is above {@code floor / factor}.
   */
  static double budgetWatts(BenchLadder ladder, double windowsPerSecond, double wattsPerCore, double factor) {
    return factor * modelledWatts(ladder.mostAccurate().latency().p50Ms(), windowsPerSecond, wattsPerCore);
  }

  /** What the policy's CPU-time energy model charges a rung of this p50 at this rate, watts. */
  static double modelledWatts(double p50Ms, double windowsPerSecond, double wattsPerCore) {
    return p50Ms / 1000 * wattsPerCore * windowsPerSecond;
  }

  static BatteryResult run(PolicyRun.Params p, Consumer<String> progress) throws Exception {
    BenchLadder ladder = p.ladder();
    String top = ladder.mostAccurate().id();
    AdaptiveYaml.Battery b = p.battery();
    for (var r : ladder.rungs()) {
      double w = modelledWatts(r.latency().p50Ms(), p.windowsPerSecond(), b.wattsPerCore());
      progress.accept(String.format(java.util.Locale.ROOT, "      %-12s modelled %.3f W of a %.3f W budget: fits while"
          + " the battery is above %.1f %%", r.id(), w, b.budgetWatts(), 100 * b.floor() * Math.min(1, w / b.budgetWatts())));
    }
    String cheapest = ladder.rungs().stream()
        .min(java.util.Comparator.comparingDouble(r -> r.latency().p50Ms())).orElseThrow().id();
    RunFigures fixed = PolicyRun.run(p, "battery-static", top, progress);
    RunFigures adaptive = PolicyRun.run(p, "battery-adaptive", null, progress);
    RunFigures floor = cheapest.equals(top) ? null : PolicyRun.run(p, "battery-cheapest", cheapest, progress);
    return new BatteryResult(p.windowsPerSecond(), p.seconds(), p.battery(), top, cheapest, fixed, adaptive, floor);
  }
}
