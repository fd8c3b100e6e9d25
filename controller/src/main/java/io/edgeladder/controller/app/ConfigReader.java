package io.edgeladder.controller.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed values out of a YAML tree by dotted key path ({@code broker.url}), with environment overrides
 * ({@code EDGELADDER_} + the path in upper snake case: {@code EDGELADDER_BROKER_PASSWORD}), collecting every
 * problem instead of stopping at the first. Remembers the keys it was asked for, so {@link #unknownKeys}
 * can report the rest. Not thread-safe: one per load.
 */
final class ConfigReader {
  static final String ENV_PREFIX = "EDGELADDER_";

  private final JsonNode root;
  private final Map<String, String> env;
  private final Path baseDir;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> known = new TreeSet<>();

  ConfigReader(JsonNode root, Map<String, String> env, Path baseDir) {
    this.root = root;
    this.env = env;
    this.baseDir = baseDir;
  }

  List<String> problems() {
    return problems;
  }

  void problem(String message) {
    problems.add(message);
  }

  /** The text at {@code path}, or {@code fallback} when absent or null. */
  String text(String path, String fallback) {
    String v = raw(path);
    return v == null ? fallback : v;
  }

  long number(String path, long fallback, long min, long max) {
    String v = raw(path);
    if (v == null) return fallback;
    try {
      long n = Long.parseLong(v.trim());
      if (n < min || n > max) {
        problem(path + " must be in [" + min + ", " + max + "] but was " + n);
        return fallback;
      }
      return n;
    } catch (NumberFormatException e) {
      problem(path + " must be a whole number but was '" + v + "'");
      return fallback;
    }
  }

  boolean flag(String path, boolean fallback) {
    String v = raw(path);
    if (v == null) return fallback;
    if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
    problem(path + " must be true or false but was '" + v + "'");
    return fallback;
  }

  /** A path resolved against the config file's folder; {@code null} stays null. */
  Path path(String path, String fallback) {
    String v = text(path, fallback);
    if (v == null) return null;
    try {
      return baseDir.resolve(v).normalize();
    } catch (InvalidPathException e) { // a NUL or an unpaired surrogate: found by fuzzing, used to escape as a crash
      problem(path + " is not a valid path: '" + v + "' (" + e.getReason() + ")");
      return fallback == null ? null : baseDir.resolve(fallback).normalize();
    }
  }

  /** Problems for every key in the file that no read asked for. */
  void unknownKeys() {
    walk(root, "");
  }

  private void walk(JsonNode node, String prefix) {
    if (node == null || !node.isObject()) return;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = prefix.isEmpty() ? e.getKey() : prefix + '.' + e.getKey();
      if (known.contains(path)) continue;
      if (e.getValue().isObject() && known.stream().anyMatch(k -> k.startsWith(path + '.'))) {
        walk(e.getValue(), path);
      } else {
        problem("unknown key '" + path + "' (known: " + String.join(", ", known) + ")");
      }
    }
  }

  private String raw(String path) {
    known.add(path);
    String override = env.get(envName(path));
    if (override != null) return override.isEmpty() || override.equals("null") ? null : override;
    JsonNode n = root;
    for (String level : path.split("\\.")) {
      if (n == null || !n.isObject()) return null;
      n = n.get(level);
    }
    if (n == null || n.isNull()) return null;
    if (n.isContainerNode()) {
      problem(path + " must be a single value but was " + n);
      return null;
    }
    return n.asText();
  }

  /** {@code fleet.offlineAfterSeconds} to {@code EDGELADDER_FLEET_OFFLINE_AFTER_SECONDS}. */
  static String envName(String path) {
    StringBuilder sb = new StringBuilder(ENV_PREFIX);
    for (char c : path.toCharArray()) {
      if (c == '.') {
        sb.append('_');
      } else if (Character.isUpperCase(c)) {
        sb.append('_').append(c);
      } else {
        sb.append(Character.toUpperCase(c));
      }
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }
}
