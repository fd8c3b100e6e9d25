package io.edgeladder.controller.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeladder.controller.store.StoreException;
import io.edgeladder.controller.store.fleet.Hardware;

/** The agent's hardware is kept as one JSON column: it is shown, never queried by field. */
final class HardwareJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HardwareJson() {}

  static String write(Hardware hardware) {
    try {
      return MAPPER.writeValueAsString(hardware);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("hardware does not serialize: " + hardware, e);
    }
  }

  static Hardware read(String agentId, String json) {
    try {
      return MAPPER.readValue(json, Hardware.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("agent " + agentId + " has unreadable hardware_json: " + e.getMessage(), e);
    }
  }
}
