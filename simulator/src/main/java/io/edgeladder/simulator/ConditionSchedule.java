package io.edgeladder.simulator;

import java.time.Duration;

/**
 * Which condition each machine shows over stream time: the injected truth a consumer checks predictions
 * against. Pure and deterministic, so {@link SensorSimulator#conditionAt} can answer for any instant.
 */
@FunctionalInterface
public interface ConditionSchedule {

  /**
   * @param machineIndex position of the machine in the simulator's machine list, >= 0
   * @param elapsedMillis stream time since the simulation started, ms, >= 0
   * @return the condition injected at that instant
   */
  Condition at(int machineIndex, long elapsedMillis);

  /** Always {@code condition}, on every machine. */
  static ConditionSchedule fixed(Condition condition) {
    if (condition == null) {
      throw new IllegalArgumentException("schedule condition must not be null");
    }
    return (machine, elapsed) -> condition;
  }

  /**
   * Holds each condition for {@code dwell}, then moves to the next (healthy, imbalance, ..., looseness,
   * healthy, ...). Machine {@code i} starts {@code i} conditions further on, so machines differ at any
   * instant.
   */
  static ConditionSchedule cycle(Duration dwell) {
    long dwellMillis = dwell == null ? 0 : dwell.toMillis();
    if (dwellMillis <= 0) {
      throw new IllegalArgumentException("schedule cycle dwell must be > 0 ms but was " + dwell);
    }
    int n = Condition.values().length;
    return (machine, elapsed) ->
        Condition.ofIndex((int) ((Math.floorDiv(elapsed, dwellMillis) + machine) % n));
  }

  /**
   * Parses {@code cycle:10s} (each condition for 10 s) or {@code fixed:imbalance}.
   *
   * @throws IllegalArgumentException naming the bad text
   */
  static ConditionSchedule parse(String text) {
    String s = text == null ? "" : text.trim();
    int colon = s.indexOf(':');
    String kind = colon < 0 ? s : s.substring(0, colon);
    String arg = colon < 0 ? "" : s.substring(colon + 1);
    switch (kind) {
      case "cycle":
        return cycle(Durations.parse("schedule cycle", arg));
      case "fixed":
        return fixed(Condition.ofLabel(arg));
      default:
        throw new IllegalArgumentException(
            "schedule must be cycle:<duration> or fixed:<condition> but was '" + text + "'");
    }
  }
}
