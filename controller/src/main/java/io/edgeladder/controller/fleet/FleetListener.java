package io.edgeladder.controller.fleet;

import io.edgeladder.controller.store.fleet.AgentStatus;
import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.fleet.Heartbeat;

/**
 * Told by {@link FleetIngest} about births, statuses, heartbeats and events after they are recorded, and about
 * telemetry (not recorded: it only feeds the console's live view). Desired state re-applies selector
 * assignments to agents that join; the console's live board follows all of them.
 *
 * <p><b>Threads:</b> called on an ingest lane thread; messages of one agent arrive in order. Listeners may
 * use the database but should not take long: the lane serves other agents too. A throwing listener is
 * logged and does not affect the others.
 */
public interface FleetListener {
  default void onBirth(Registration registration, BirthOutcome outcome) {}

  default void onEvent(AgentEvent event) {}

  /** A status message that changed a known agent's recorded status. */
  default void onStatus(String agentId, AgentStatus status) {}

  /** A heartbeat recorded as the current incarnation's. */
  default void onHeartbeat(Heartbeat heartbeat) {}

  default void onTelemetry(Telemetry telemetry) {}
}
