package io.edgeladder.controller.fleet;

import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.protocol.AgentEvent;

/**
 * Told by {@link FleetIngest} about births and events after they are recorded (desired state re-applies
 * selector assignments to agents that join; rollouts watch events).
 *
 * <p><b>Threads:</b> called on an ingest lane thread; messages of one agent arrive in order. Listeners may
 * use the database but should not take long: the lane serves other agents too. A throwing listener is
 * logged and does not affect the others.
 */
public interface FleetListener {
  default void onBirth(Registration registration, BirthOutcome outcome) {}

  default void onEvent(AgentEvent event) {}
}
