package io.edgeladder.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.protocol.dist.KeyFiles;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code control:}; the public key file is read here, so a missing or malformed key fails at startup
 * with the other problems instead of at the first release.
 */
final class ControlBinder {
  private ControlBinder() {}

  /** Returns null when a problem was reported. */
  static AgentConfig.Control bind(Section c, Path baseDir, Problems problems) {
    int before = problems.size();
    AgentConfig.Control d = AgentConfig.Control.ofDefaults();
    boolean enabled = c.bool("enabled", d.enabled());
    int heartbeat = c.integer("heartbeatMs", d.heartbeatMillis(), 1);
    int chunkRetry = c.integer("chunkRetryMs", d.chunkRetryMillis(), 1);
    int applyTimeout = c.integer("applyTimeoutMs", d.applyTimeoutMillis(), 1);
    long cacheMax = cacheMaxBytes(c, d.cacheMaxBytes(), problems);
    Path publicKey = path(c, "publicKey", baseDir, problems);
    if (publicKey != null) {
      try {
        KeyFiles.readPublic(publicKey);
      } catch (IOException e) {
        problems.at(c.path("publicKey"), "cannot be used: " + e.getMessage());
      }
    }
    Path stateDir = path(c, "stateDir", baseDir, problems);
    Map<String, String> labels = labels(c, problems);
    if (problems.size() > before) return null;
    return new AgentConfig.Control(enabled, heartbeat, publicKey, cacheMax, stateDir, labels, chunkRetry,
        applyTimeout);
  }

  private static long cacheMaxBytes(Section c, long def, Problems problems) {
    JsonNode v = c.child("cacheMaxBytes");
    if (v.isMissingNode() || v.isNull()) return def;
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
      problems.at(c.path("cacheMaxBytes"), "must be an integer >= 1 but was " + Section.describe(v));
      return def;
    }
    return v.longValue();
  }

  private static Path path(Section c, String key, Path baseDir, Problems problems) {
    String value = c.string(key, null);
    if (value == null) return null;
    try {
      return baseDir.resolve(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      problems.at(c.path(key), "is not a valid path: '" + value + "'");
      return null;
    }
  }

  /** {@code labels: [site=plant-3, line=2]}: keys unique, neither side empty. */
  private static Map<String, String> labels(Section c, Problems problems) {
    JsonNode v = c.child("labels");
    Map<String, String> out = new LinkedHashMap<>();
    if (v.isMissingNode() || v.isNull() || (v.isArray() && v.isEmpty())) return out;
    List<String> items = c.requiredStringList("labels");
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      int eq = item.indexOf('=');
      String at = c.path("labels") + "[" + i + "]";
      if (eq < 0 || item.substring(0, eq).isBlank() || item.substring(eq + 1).isBlank()) {
        problems.at(at, "must be key=value but was '" + item + "'");
      } else if (out.putIfAbsent(item.substring(0, eq).trim(), item.substring(eq + 1).trim()) != null) {
        problems.at(at, "repeats label key '" + item.substring(0, eq).trim() + "'");
      }
    }
    return out;
  }
}
