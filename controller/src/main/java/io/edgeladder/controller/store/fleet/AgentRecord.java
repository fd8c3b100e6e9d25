package io.edgeladder.controller.store.fleet;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An agent as the registry knows it.
 *
 * @param registration the latest birth (current incarnation)
 * @param firstSeen the first birth ever recorded for this agent id
 * @param lastSeen the last birth or heartbeat of the current incarnation
 * @param lastSeq the highest heartbeat seq of the current incarnation, -1 before the first one
 * @param uptimeMs the current incarnation's uptime in its newest heartbeat, 0 before the first one
 * @param appliedDesiredVersion the desired-state version the agent last reported applied, 0 if none
 * @param latestKpis the newest sample per pipeline, by pipeline name
 * @param duplicate set when another incarnation overlapped with the current one
 */
public record AgentRecord(
    Registration registration,
    AgentStatus status,
    Instant statusAt,
    Instant firstSeen,
    Instant lastSeen,
    long lastSeq,
    long uptimeMs,
    long appliedDesiredVersion,
    Map<String, KpiSample> latestKpis,
    Optional<DuplicateFlag> duplicate) {
  public AgentRecord {
    latestKpis = Map.copyOf(latestKpis);
  }

  public String agentId() {
    return registration.agentId();
  }
}
