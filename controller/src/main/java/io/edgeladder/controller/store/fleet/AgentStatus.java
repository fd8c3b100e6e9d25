package io.edgeladder.controller.store.fleet;

/** Connection status from {@code fleet/{agent}/status} (offline is the MQTT will) or a timeout. */
public enum AgentStatus {
  ONLINE,
  OFFLINE
}
