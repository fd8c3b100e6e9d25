package io.edgeladder.controller.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * The figures the console shows from an agent's {@code fleet/{agent}/telemetry} message (the agent's
 * {@code TelemetryJson}: {@code {"agent","time","cpu":{"systemPercent"},"power":{"batteryPercent","watts",
 * "energyJoules"}}}). A figure the agent could not measure (its section absent or the value null) is
 * {@code null}. Immutable.
 *
 * @param at the agent's sample time
 * @param cpuPercent system CPU use, 0..100 (all cores)
 * @param batteryPercent 0..100
 * @param watts power draw
 * @param energyJoules energy counter since the agent started
 */
public record Telemetry(String agentId, Instant at, Double cpuPercent, Double batteryPercent, Double watts,
    Double energyJoules) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Telemetry {
    if (agentId == null || agentId.isBlank()) throw new IllegalArgumentException("telemetry agent is missing");
    if (at == null) throw new IllegalArgumentException("telemetry time is missing");
  }

  /** @throws IllegalArgumentException naming the field when the payload is not telemetry */
  public static Telemetry parse(byte[] payload) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("telemetry is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException("telemetry must be a JSON object");
    if (!root.path("agent").isTextual()) throw new IllegalArgumentException("telemetry agent must be a string");
    if (!root.path("time").canConvertToLong()) {
      throw new IllegalArgumentException("telemetry time must be epoch milliseconds but was " + root.get("time"));
    }
    JsonNode power = root.path("power");
    return new Telemetry(root.get("agent").asText(), Instant.ofEpochMilli(root.get("time").asLong()),
        number(root.path("cpu"), "systemPercent"), number(power, "batteryPercent"), number(power, "watts"),
        number(power, "energyJoules"));
  }

  private static Double number(JsonNode section, String field) {
    JsonNode v = section.path(field);
    if (v.isMissingNode() || v.isNull()) return null;
    if (!v.isNumber()) throw new IllegalArgumentException("telemetry " + field + " must be a number but was " + v);
    return v.asDouble();
  }
}
