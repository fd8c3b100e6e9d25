package io.edgeladder.controller.rollout;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks a {@link RolloutEngine} at a fixed delay on an injected executor (production; tests tick by
 * hand). A fixed delay never overlaps ticks; a tick that throws is logged and the schedule goes on.
 * Does not own the executor. Thread-safe.
 */
public final class RolloutScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutScheduler.class);
  private final ScheduledFuture<?> future;

  private RolloutScheduler(ScheduledFuture<?> future) {
    this.future = future;
  }

  /**
   * Starts ticking now, then {@code interval} after each tick ends.
   *
   * @throws IllegalArgumentException if {@code interval} is not positive
   */
  public static RolloutScheduler start(RolloutEngine engine, ScheduledExecutorService executor,
      Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("rollout tick interval must be > 0 but was " + interval);
    }
    Runnable tick = () -> {
      try {
        engine.tick();
      } catch (Throwable t) {
        LOG.warn("rollout tick threw: {}", t.toString(), t);
      }
    };
    return new RolloutScheduler(
        executor.scheduleWithFixedDelay(tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS));
  }

  /** Stops ticking; a tick in progress finishes. */
  @Override
  public void close() {
    future.cancel(false);
  }
}
