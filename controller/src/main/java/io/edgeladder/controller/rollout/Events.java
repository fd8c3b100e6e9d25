package io.edgeladder.controller.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.controller.store.rollout.NewEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rollout events with a small JSON detail. Stateless, thread-safe. */
final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  /** An event whose detail is {@link #json json(keyValues)}. */
  static NewEvent of(String type, Object... keyValues) {
    return new NewEvent(type, json(keyValues));
  }

  /**
   * {@code {k1: v1, k2: v2, ...}}; values are strings, numbers, lists, maps or {@link JsonNode}s.
   */
  static String json(Object... keyValues) {
    Map<String, Object> detail = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      detail.put((String) keyValues[i], keyValues[i + 1]);
    }
    try {
      return JSON.writeValueAsString(detail);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write event detail " + detail.keySet(), e);
    }
  }

  /** JSON text as a node to nest in a detail; text that is not JSON is kept as a string. */
  static JsonNode raw(String json) {
    if (json == null) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(json);
    }
  }
}
