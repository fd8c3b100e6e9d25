package io.edgeladder.controller.fleet;

import io.edgeladder.controller.store.fleet.AgentStatus;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes {@code fleet/{agent}/status}: {@code online} / {@code offline} as the protocol defines it, and the
 * JSON form {@code {"state":"online"}} that agents of the first releases publish.
 */
final class StatusPayload {
  private StatusPayload() {}

  static Optional<AgentStatus> parse(byte[] payload) {
    String s = new String(payload, StandardCharsets.UTF_8).trim();
    if (s.startsWith("{")) {
      String compact = s.replaceAll("\\s", "");
      if (compact.equals("{\"state\":\"online\"}")) return Optional.of(AgentStatus.ONLINE);
      if (compact.equals("{\"state\":\"offline\"}")) return Optional.of(AgentStatus.OFFLINE);
      return Optional.empty();
    }
    switch (s.toLowerCase(Locale.ROOT)) {
      case "online":
        return Optional.of(AgentStatus.ONLINE);
      case "offline":
        return Optional.of(AgentStatus.OFFLINE);
      default:
        return Optional.empty();
    }
  }
}
