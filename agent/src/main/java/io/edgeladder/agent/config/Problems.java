package io.edgeladder.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every problem found while loading, so they are reported together. Remembers which paths an
 * environment variable overrode, so a bad value names the variable it came from.
 */
final class Problems {
  private final List<String> messages = new ArrayList<>();
  private final Map<String, String> origins = new HashMap<>();

  /** Adds a problem that is not about one value (e.g. an unknown environment variable). */
  void add(String message) {
    messages.add(message);
  }

  /** Adds {@code path + " " + message}, naming the environment variable if one set this path. */
  void at(String path, String message) {
    String origin = origins.get(path);
    messages.add(path + " " + message + (origin == null ? "" : " (from " + origin + ")"));
  }

  void overriddenBy(String path, String envName) {
    origins.put(path, envName);
  }

  int size() {
    return messages.size();
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  List<String> list() {
    return List.copyOf(messages);
  }
}
