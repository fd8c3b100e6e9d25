package io.edgeladder.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Something an agent reports on {@code fleet/{agent}/events}: shed windows, decode errors, swaps.
 * Events are cold-path messages: rate-limited by the sender and encoded with Jackson.
 *
 * @param agent agent id
 * @param type event type, e.g. {@code window.shed}, {@code decode.error}
 * @param time wall-clock epoch millis
 * @param pipeline pipeline name, or {@code null} for agent-wide events
 * @param message human-readable summary
 * @param details structured fields (counts, sequence ranges, reasons)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentEvent(
    String agent, String type, long time, String pipeline, String message, Map<String, Object> details) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public AgentEvent {
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static AgentEvent parse(byte[] payload) throws IOException {
    return JSON.readValue(payload, AgentEvent.class);
  }
}
