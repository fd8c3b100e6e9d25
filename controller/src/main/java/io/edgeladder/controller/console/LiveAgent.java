package io.edgeladder.controller.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One agent's latest figures on the {@link LiveBoard}: what the console's fleet table shows. A figure not
 * received yet is {@code null}. Immutable.
 *
 * @param online from the latest birth or status message, {@code null} before either
 * @param cpuPercent system CPU use from the latest telemetry, 0..100
 * @param batteryPercent from the latest telemetry, 0..100
 * @param watts power draw from the latest telemetry
 * @param energyJoules the agent's energy counter from the latest telemetry
 * @param updatedAt agent time of the latest heartbeat, telemetry or event
 */
public record LiveAgent(String agentId, Boolean online, Map<String, String> labels, List<Pipeline> pipelines,
    Double cpuPercent, Double batteryPercent, Double watts, Double energyJoules, Instant updatedAt) {

  public LiveAgent {
    labels = Map.copyOf(labels);
    pipelines = List.copyOf(pipelines);
  }

  /**
   * @param activeVariant from the latest heartbeat, else from the birth
   * @param missRate deadline misses / windows over the latest heartbeat interval, {@code null} before one
   * @param p99Ms p99 end-to-end latency over the latest heartbeat interval
   * @param resultsPerSecond results between the last two heartbeats of one incarnation / their distance
   */
  public record Pipeline(String name, String activeVariant, Double missRate, Double p99Ms, Double resultsPerSecond) {}
}
