package io.edgeladder.controller.fleet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Counts every rejected fleet message in {@code edgeladder.fleet.rejected{reason}} and logs the reason at most
 * once per agent per minute (with how many were not logged), so a misbehaving agent at 100 msg/s cannot flood
 * the log. Thread-safe.
 */
final class Rejections {
  static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
  /** Bound on remembered agents; beyond it the memory is cleared (a spoofing storm must not grow the heap). */
  private static final int MAX_AGENTS = 10_000;

  private final Map<RejectReason, Counter> counters = new EnumMap<>(RejectReason.class);
  private final Map<String, long[]> lastLogged = new ConcurrentHashMap<>(); // agent -> {nextMillis, suppressed}
  private final Clock clock;
  private final Logger log;

  Rejections(MeterRegistry meters, Clock clock, Logger log) {
    this.clock = clock;
    this.log = log;
    for (RejectReason r : RejectReason.values()) {
      counters.put(r, Counter.builder("edgeladder.fleet.rejected").description("fleet messages rejected")
          .tag("reason", r.tag()).register(meters));
    }
  }

  /** Counts and (rate-limited) logs one rejection. @return whether it was logged */
  boolean reject(String agent, String topic, RejectReason reason, String detail) {
    counters.get(reason).increment();
    if (lastLogged.size() > MAX_AGENTS) lastLogged.clear();
    long now = clock.millis();
    long[] state = lastLogged.computeIfAbsent(agent, a -> new long[] {Long.MIN_VALUE, 0});
    long suppressed;
    synchronized (state) {
      if (now < state[0]) {
        state[1]++;
        return false;
      }
      state[0] = now + LOG_INTERVAL.toMillis();
      suppressed = state[1];
      state[1] = 0;
    }
    String more = suppressed > 0 ? " (" + suppressed + " more rejections of this agent not logged)" : "";
    log.warn("rejected {} from agent {}: {}: {}{}", topic, agent, reason.tag(), detail, more);
    return true;
  }

  long count(RejectReason reason) {
    return (long) counters.get(reason).count();
  }
}
