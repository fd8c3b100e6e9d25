package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.ingest.DecodeError;
import io.edgeladder.agent.schedule.ShedReason;
import io.edgeladder.agent.transport.Transport;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.Topics;
import io.micrometer.core.instrument.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the hot path's counters into at most one event and one log line per pipeline and kind per
 * tick ({@code window.shed}, {@code decode.error} on {@code fleet/{agent}/events}), so a flood of bad
 * input costs the hot path a counter increment and the network one summary a second.
 *
 * <p>Threads: {@link #tick} on the agent's scheduled executor only; it never throws.
 */
final class EventReporter {
  private static final Logger log = LoggerFactory.getLogger(EventReporter.class);

  private final String agentId;
  private final String topic;
  private final List<Pipeline> pipelines;
  private final Transport transport;
  private final Clock clock;
  private final long[][] lastShed;
  private final long[][] lastDecode;

  EventReporter(String agentId, List<Pipeline> pipelines, Transport transport, Clock clock) {
    this.agentId = agentId;
    this.topic = Topics.events(agentId);
    this.pipelines = pipelines;
    this.transport = transport;
    this.clock = clock;
    this.lastShed = new long[pipelines.size()][ShedReason.values().length];
    this.lastDecode = new long[pipelines.size()][DecodeError.values().length];
  }

  void tick() {
    try {
      for (Pipeline p : pipelines) {
        reportShed(p);
        reportDecodeErrors(p);
      }
    } catch (Throwable t) {
      log.warn("event report failed; next tick retries", t);
    }
  }

  private void reportShed(Pipeline p) {
    ShedReason[] reasons = ShedReason.values();
    Map<String, Object> counts = deltas(lastShed[p.index], reasons.length,
        i -> reasons[i].tag(), i -> p.metrics.shedCount(reasons[i]));
    if (counts.isEmpty()) {
      return;
    }
    String message = total(counts) + " window(s) shed: " + counts;
    log.warn("pipeline {}: {} (last seq {})", p.name(), message, p.lastShedSeq);
    publish(p, "window.shed", message, Map.of("counts", counts, "lastSeq", p.lastShedSeq));
  }

  private void reportDecodeErrors(Pipeline p) {
    DecodeError[] kinds = DecodeError.values();
    Map<String, Object> counts = deltas(lastDecode[p.index], kinds.length,
        i -> kinds[i].tag(), i -> p.metrics.decodeErrors(kinds[i]));
    if (counts.isEmpty()) {
      return;
    }
    String last = p.lastDecodeError;
    String message = total(counts) + " payload(s) rejected on " + p.topic() + ": " + counts + "; last: " + last;
    log.warn("pipeline {}: {}", p.name(), message);
    publish(p, "decode.error", message, Map.of("counts", counts, "last", String.valueOf(last)));
  }

  /** Counts that grew since the last tick, by tag; updates {@code last}. */
  private static Map<String, Object> deltas(long[] last, int n, IntFunction<String> tag, IntToLongFunction count) {
    Map<String, Object> counts = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      long now = count.applyAsLong(i);
      long delta = now - last[i];
      last[i] = now;
      if (delta > 0) {
        counts.put(tag.apply(i), delta);
      }
    }
    return counts;
  }

  private static long total(Map<String, Object> counts) {
    return counts.values().stream().mapToLong(v -> (Long) v).sum();
  }

  private void publish(Pipeline p, String type, String message, Map<String, Object> details) {
    byte[] json = new AgentEvent(agentId, type, clock.wallTime(), p.name(), message, details).toJson();
    transport.publish(topic, json, json.length, 1, false);
  }
}
