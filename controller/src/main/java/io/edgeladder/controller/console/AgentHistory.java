package io.edgeladder.controller.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the console's per-agent view draws: the latest figures, then the last {@value LiveBoard#HISTORY}
 * heartbeat points, telemetry points and the last {@value LiveBoard#EVENTS} events, oldest first. Immutable.
 */
public record AgentHistory(LiveAgent now, List<Rate> rates, List<Power> power, List<LiveEvent> events) {
  public AgentHistory {
    rates = List.copyOf(rates);
    power = List.copyOf(power);
    events = List.copyOf(events);
  }

  /** The history of an agent the board has not heard from since start. */
  public static AgentHistory empty(String agentId) {
    return new AgentHistory(new LiveAgent(agentId, null, Map.of(), List.of(), null, null, null, null, null),
        List.of(), List.of(), List.of());
  }

  /** One pipeline's figures from one heartbeat ({@code resultsPerSecond} null for an incarnation's first). */
  public record Rate(Instant at, String pipeline, String activeVariant, Double resultsPerSecond, double p99Ms,
      double missRate) {}

  /** One telemetry sample; absent figures are {@code null}. */
  public record Power(Instant at, Double cpuPercent, Double batteryPercent, Double watts, Double energyJoules) {}
}
