package io.edgeladder.controller.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.protocol.fleet.Bounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link StoredPlan} as JSON: durations ISO-8601 ({@code PT10M}), stage sizes as {@code "3"} /
 * {@code "25%"}, the selector as its text. Stateless, thread-safe.
 */
final class PlanCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PlanCodec() {}

  static String write(StoredPlan stored) {
    RolloutPlan p = stored.plan();
    ObjectNode o = MAPPER.createObjectNode();
    o.put("model", p.model());
    o.put("releaseSha", p.releaseSha());
    o.put("previousReleaseSha", p.previousReleaseSha());
    o.put("selector", p.selector().toString());
    o.put("canary", p.canary().toString());
    ArrayNode waves = o.putArray("waves");
    p.waves().forEach(w -> waves.add(w.toString()));
    o.put("soak", p.soak().toString());
    o.put("applyTimeout", p.applyTimeout().toString());
    Gates g = p.gates();
    ObjectNode gates = o.putObject("gates");
    gates.put("maxMissRate", g.maxMissRate());
    gates.put("maxErrorRate", g.maxErrorRate());
    gates.put("maxP99Ratio", g.maxP99Ratio());
    gates.put("minHeartbeats", g.minHeartbeats());
    gates.put("heartbeatTimeout", g.heartbeatTimeout().toString());
    o.set("bounds", p.bounds() == null ? null : MAPPER.valueToTree(p.bounds()));
    ObjectNode baseline = o.putObject("baselineP99Ms");
    new TreeMap<>(stored.baselineP99Ms()).forEach(baseline::put);
    o.put("abortRequested", stored.abortRequested());
    return o.toString();
  }

  /** @throws IllegalStateException if the JSON was not written by {@link #write} */
  static StoredPlan read(String json) {
    try {
      JsonNode o = MAPPER.readTree(json);
      List<StageSize> waves = new ArrayList<>();
      o.get("waves").forEach(w -> waves.add(StageSize.parse(w.asText())));
      JsonNode g = o.get("gates");
      Gates gates = new Gates(g.get("maxMissRate").asDouble(), g.get("maxErrorRate").asDouble(),
          g.get("maxP99Ratio").isNull() ? null : g.get("maxP99Ratio").asDouble(),
          g.get("minHeartbeats").asInt(), Duration.parse(g.get("heartbeatTimeout").asText()));
      JsonNode bounds = o.get("bounds");
      RolloutPlan plan = new RolloutPlan(o.get("model").asText(), o.get("releaseSha").asText(),
          text(o, "previousReleaseSha"), LabelSelector.parse(o.get("selector").asText()),
          StageSize.parse(o.get("canary").asText()), waves, Duration.parse(o.get("soak").asText()),
          Duration.parse(o.get("applyTimeout").asText()), gates,
          bounds == null || bounds.isNull() ? null : MAPPER.treeToValue(bounds, Bounds.class));
      Map<String, Double> baseline = new TreeMap<>();
      o.get("baselineP99Ms").fields().forEachRemaining(e -> baseline.put(e.getKey(), e.getValue().asDouble()));
      return new StoredPlan(plan, baseline, o.get("abortRequested").asBoolean());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalStateException("rollout planJson is not a stored plan: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
