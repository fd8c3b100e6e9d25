package io.edgeladder.agent.swap;

import io.edgeladder.agent.pipeline.ActiveVariant;
import io.micrometer.core.instrument.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The break half of make-before-break: polls a replaced variant on the timer until its in-flight runs are
 * done, then closes it. Polling rather than a latch keeps the hot path to one atomic increment and
 * decrement per window.
 */
final class DrainWatcher {
  private static final long POLL_MICROS = 500;

  /** Called once, on the timer thread (or the caller's if the timer refuses the task). */
  interface Done {
    /**
     * @param drainNanos time from {@link #watch} to the end
     * @param note null when drained and closed; otherwise why the old session was left open
     */
    void drained(long drainNanos, String note);
  }

  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final long timeoutNanos;

  DrainWatcher(ScheduledExecutorService timer, Clock clock, long timeoutNanos) {
    this.timer = timer;
    this.clock = clock;
    this.timeoutNanos = timeoutNanos;
  }

  void watch(ActiveVariant old, VariantLifecycle oldLife, Done done) {
    long start = clock.monotonicTime();
    Object lock = new Object();
    ScheduledFuture<?>[] poll = new ScheduledFuture<?>[1];
    boolean[] finished = new boolean[1];
    Runnable check = () -> {
      synchronized (lock) {
        if (finished[0]) {
          return;
        }
        long now = clock.monotonicTime();
        if (old.inFlight() == 0) {
          old.close();
          oldLife.moveTo(SwapState.CLOSED);
          finished[0] = true;
          done.drained(now - start, null);
        } else if (now - start >= timeoutNanos) {
          // Closing under a run is undefined in native code: leaking the session is the safe failure.
          finished[0] = true;
          done.drained(now - start, "old variant " + old.id() + " still had " + old.inFlight()
              + " run(s) in flight after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
              + " ms; its session is left open");
        }
        if (finished[0] && poll[0] != null) {
          poll[0].cancel(false);
        }
      }
    };
    synchronized (lock) {
      try {
        poll[0] = timer.scheduleWithFixedDelay(check, 0, POLL_MICROS, TimeUnit.MICROSECONDS);
      } catch (RuntimeException e) {
        finished[0] = true;
        done.drained(0, "drain not watched (" + e + "); old variant " + old.id() + " left open");
      }
    }
  }
}
