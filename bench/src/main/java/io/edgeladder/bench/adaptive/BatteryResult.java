package io.edgeladder.bench.adaptive;

/**
 * Figures of the battery scenario.
 *
 * @param windowsPerSecond the stream's window rate
 * @param seconds measured phase of each run
 * @param battery the simulated battery every run starts with
 * @param staticVariant the most accurate rung (static reference)
 * @param cheapestVariant the rung with the lowest p50 (floor reference)
 * @param fixed static run
 * @param adaptive the policy's run
 * @param floor the cheapest rung pinned, or null when it is the most accurate one
 */
record BatteryResult(double windowsPerSecond, double seconds, AdaptiveYaml.Battery battery, String staticVariant,
    String cheapestVariant, RunFigures fixed, RunFigures adaptive, RunFigures floor) {

  /** Adaptive over static CPU seconds per 1000 inferences: the bound is 0.6. */
  double energyRatio() {
    return adaptive.cpuSecondsPer1000() / fixed.cpuSecondsPer1000();
  }

  /** The cheapest rung's ratio: the best any policy could do on this ladder and stream. */
  double floorRatio() {
    return floor == null ? Double.NaN : floor.cpuSecondsPer1000() / fixed.cpuSecondsPer1000();
  }

  /** Stream accuracy lost by the policy against the static run, in points. */
  double accuracyCostPoints() {
    return (fixed.accuracy() - adaptive.accuracy()) * 100;
  }
}
