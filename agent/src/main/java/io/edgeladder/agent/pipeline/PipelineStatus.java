package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.ingest.DecodeError;
import io.edgeladder.agent.schedule.ShedReason;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds one pipeline's {@code /status} entry (cold path). */
final class PipelineStatus {
  private PipelineStatus() {}

  static Map<String, Object> of(Pipeline p, RateTracker rates) {
    PipelineMetrics m = p.metrics;
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", p.name());
    s.put("topic", p.topic());
    s.put("resultTopic", p.resultTopic);
    s.put("model", p.card.name());
    ActiveVariant v = p.active();
    s.put("variant", v.id());
    s.put("sha256", v.sha256());
    s.put("deadlineMs", p.config.deadlineMillis());
    s.put("messagesIn", (long) m.messagesIn.count());
    s.put("windowsIn", m.windowsIn());
    s.put("windowsOut", (long) m.windowsOut.count());
    s.put("windowsInPerSec", round(rates.inPerSecond(p.index)));
    s.put("windowsOutPerSec", round(rates.outPerSecond(p.index)));
    s.put("deadlineMisses", (long) m.deadlineMisses.count());
    s.put("inferenceFailures", (long) m.failures.count());
    s.put("publishFailures", (long) m.publishFailed.count());
    Map<String, Object> shed = new LinkedHashMap<>();
    for (ShedReason r : ShedReason.values()) {
      shed.put(r.tag(), m.shedCount(r));
    }
    s.put("shed", shed);
    Map<String, Object> errors = new LinkedHashMap<>();
    for (DecodeError k : DecodeError.values()) {
      errors.put(k.tag(), m.decodeErrors(k));
    }
    s.put("decodeErrors", errors);
    s.put("lastDecodeError", p.lastDecodeError);
    s.put("latencyMs", Map.of(
        "queue", PipelineMetrics.percentilesMillis(m.queue),
        "run", PipelineMetrics.percentilesMillis(m.run),
        "total", PipelineMetrics.percentilesMillis(m.total)));
    return s;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
