package io.edgeladder.controller.console;

import java.time.Instant;
import java.util.Map;

/**
 * An agent event as the console shows it (swaps on the per-agent timeline). Immutable.
 *
 * @param at the agent's wall time
 * @param pipeline {@code null} for an agent-wide event
 */
public record LiveEvent(String agentId, String type, Instant at, String pipeline, String message,
    Map<String, Object> details) {
  public LiveEvent {
    details = Map.copyOf(details);
  }
}
