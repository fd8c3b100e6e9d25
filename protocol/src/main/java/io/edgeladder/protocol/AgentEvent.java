package io.edgeladder.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
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

  /**
   * Deepest nesting accepted in {@code details}: events carry flat facts, and a detail nested hundreds deep
   * (Jackson's own limit is 1000) parses but overflows the stack of whoever writes or prints it again.
   */
  static final int MAX_NESTING = 32;

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build());

  public AgentEvent {
    details = withoutNulls(details);
  }

  /** A null detail says nothing: dropped (Map.copyOf would throw an NPE on a {@code "key": null} from the wire). */
  private static Map<String, Object> withoutNulls(Map<String, Object> details) {
    if (details == null) return Map.of();
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    details.forEach((k, v) -> {
      if (k != null && v != null) out.put(k, v);
    });
    return Map.copyOf(out);
  }

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws IOException when the payload is not an event (a JSON {@code null} included) */
  public static AgentEvent parse(byte[] payload) throws IOException {
    AgentEvent e = JSON.readValue(payload, AgentEvent.class);
    if (e == null) throw new IOException("invalid AgentEvent: payload is JSON null");
    return e;
  }
}
