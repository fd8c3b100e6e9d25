package io.edgeladder.agent.transport.paho;

import io.micrometer.core.instrument.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a recurring problem at most once per interval, saying how many were suppressed, so that a
 * handler failing on every message at 1000 msg/s does not flood the log.
 */
final class RateLimitedLog {
  private final Logger log;
  private final Clock clock;
  private final long intervalNanos;
  private final AtomicLong nextAllowedNanos;
  private final AtomicLong suppressed = new AtomicLong();

  RateLimitedLog(Logger log, Clock clock, long interval, TimeUnit unit) {
    this.log = log;
    this.clock = clock;
    this.intervalNanos = unit.toNanos(interval);
    this.nextAllowedNanos = new AtomicLong(clock.monotonicTime());
  }

  /** Logs {@code message} and {@code error} at WARN unless one was logged within the interval. */
  void warn(String message, Throwable error) {
    long now = clock.monotonicTime();
    long allowed = nextAllowedNanos.get();
    if (now - allowed < 0 || !nextAllowedNanos.compareAndSet(allowed, now + intervalNanos)) {
      suppressed.incrementAndGet();
      return;
    }
    long skipped = suppressed.getAndSet(0);
    if (skipped > 0) {
      log.warn("{} ({} similar suppressed)", message, skipped, error);
    } else {
      log.warn(message, error);
    }
  }

  long suppressedSinceLastLog() {
    return suppressed.get();
  }
}
