package io.edgeladder.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Binds {@code spool:} and {@code broker.sessionExpirySeconds}. */
final class SpoolBinder {
  private static final long MAX_EXPIRY = 0xFFFFFFFEL;

  private SpoolBinder() {}

  /** Returns null when a problem was reported. */
  static AgentConfig.Spool bind(Section s, Path baseDir, Problems problems) {
    int before = problems.size();
    AgentConfig.Spool d = AgentConfig.Spool.off();
    Path dir = null;
    String value = s.string("dir", null);
    if (value != null) {
      try {
        dir = baseDir.resolve(value).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        problems.at(s.path("dir"), "is not a valid path: '" + value + "'");
      }
    }
    long maxBytes = longAtLeast(s, "maxBytes", d.maxBytes(), 65536, problems);
    String fsync = s.oneOf("fsync", d.fsync(), AgentConfig.Spool.FSYNC);
    int interval = s.integer("fsyncIntervalMs", d.fsyncIntervalMillis(), 1);
    int minQos = s.integer("minQos", d.minQos(), 0, 2, false);
    if (problems.size() > before) return null;
    return new AgentConfig.Spool(dir, maxBytes, fsync, interval, minQos);
  }

  static long sessionExpiry(Section b, Problems problems) {
    JsonNode v = b.child("sessionExpirySeconds");
    if (v.isMissingNode() || v.isNull()) return AgentConfig.Broker.DEFAULT_SESSION_EXPIRY_SECONDS;
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > MAX_EXPIRY) {
      problems.at(b.path("sessionExpirySeconds"),
          "must be an integer between 0 and " + MAX_EXPIRY + " but was " + Section.describe(v));
      return AgentConfig.Broker.DEFAULT_SESSION_EXPIRY_SECONDS;
    }
    return v.longValue();
  }

  private static long longAtLeast(Section s, String key, long def, long min, Problems problems) {
    JsonNode v = s.child(key);
    if (v.isMissingNode() || v.isNull()) return def;
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min) {
      problems.at(s.path(key), "must be an integer >= " + min + " but was " + Section.describe(v));
      return def;
    }
    return v.longValue();
  }
}
