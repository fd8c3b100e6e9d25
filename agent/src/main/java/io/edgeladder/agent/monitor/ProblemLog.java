package io.edgeladder.agent.monitor;

import io.micrometer.core.instrument.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts probe problems and logs each kind at most once per interval, so a missing battery file read
 * every second does not flood the log. Thread-safe.
 */
public final class ProblemLog {
  private static final Logger log = LoggerFactory.getLogger(ProblemLog.class);
  private static final long DEFAULT_INTERVAL_MILLIS = 60_000;

  private final Clock clock;
  private final long intervalMillis;
  private final AtomicLong count = new AtomicLong();
  private final Map<String, Long> lastLogged = new HashMap<>(); // guarded by this

  public ProblemLog(Clock clock) {
    this(clock, DEFAULT_INTERVAL_MILLIS);
  }

  public ProblemLog(Clock clock, long intervalMillis) {
    this.clock = clock;
    this.intervalMillis = intervalMillis;
  }

  /**
   * Counts a problem; logs it unless the same {@code key} was logged within the interval.
   *
   * @return true when this call logged
   */
  public boolean report(String key, String message) {
    count.incrementAndGet();
    long now = clock.wallTime();
    synchronized (this) {
      Long last = lastLogged.get(key);
      if (last != null && now - last < intervalMillis) return false;
      lastLogged.put(key, now);
    }
    log.warn("resource probe: {} (repeats of this are counted, logged at most every {} s)", message,
        intervalMillis / 1000);
    return true;
  }

  public long count() {
    return count.get();
  }
}
