package io.edgeladder.agent.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The telemetry message: {@code {"agent","time","cpu":{...},"memory":{...},"thermal":{...},"power":{...},
 * "absent":{"POWER":"reason"},"probeProblems":n}}. NaN and unknown values are written as null. Sent
 * every few seconds, so plain maps and Jackson are fine here.
 */
final class TelemetryJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TelemetryJson() {}

  static byte[] write(String agentId, ResourceSample s, long probeProblems, long failures) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agent", agentId);
    m.put("time", s.timeMillis());
    if (s.cpu() != null) {
      ResourceSample.Cpu c = s.cpu();
      m.put("cpu", map("systemPercent", num(c.systemPercent()), "processPercent", num(c.processPercent()),
          "perCorePercent", c.perCorePercent(), "load1", num(c.load1()), "intervalMs", c.intervalMillis()));
    }
    if (s.memory() != null) {
      ResourceSample.Memory mem = s.memory();
      m.put("memory", map("totalBytes", mem.totalBytes(), "availableBytes", mem.availableBytes(),
          "rssBytes", mem.processRssBytes() < 0 ? null : mem.processRssBytes(), "heapUsedBytes", mem.heapUsedBytes(),
          "heapMaxBytes", mem.heapMaxBytes() < 0 ? null : mem.heapMaxBytes()));
    }
    if (s.thermal() != null) {
      m.put("thermal", map("maxCelsius", s.thermal().maxCelsius(), "zones", s.thermal().zonesCelsius()));
    }
    if (s.power() != null) {
      ResourceSample.Power p = s.power();
      m.put("power", map("source", p.source(), "batteryPercent", num(p.batteryPercent()), "status", p.status().name(),
          "watts", num(p.watts()), "energyJoules", num(p.energyJoules()), "harvestWatts", num(p.harvestWatts())));
    }
    if (!s.absent().isEmpty()) {
      Map<String, String> absent = new LinkedHashMap<>();
      s.absent().forEach((k, v) -> absent.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
      m.put("absent", absent);
    }
    m.put("probeProblems", probeProblems);
    m.put("sampleFailures", failures);
    try {
      return JSON.writeValueAsBytes(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("telemetry: cannot write JSON", e); // maps of numbers and strings: cannot happen
    }
  }

  private static Double num(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1000) / 1000.0;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
