package io.edgeladder.agent.transport.paho;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Schedules reconnect attempts after a lost connection: first after {@code minDelayMs}, doubling
 * after each failed attempt up to {@code maxDelayMs}, back to the minimum once connected.
 *
 * <p>Why not Paho's automatic reconnect: in 1.2.5 its {@code java.util.Timer} thread (non-daemon)
 * is only cancelled by a successful reconnect, so closing a client while the broker is down leaks
 * a thread that keeps the JVM alive; and its reconnect delay is a static field shared by all
 * clients. Attempts run on the given scheduler; state is guarded by {@code this}.
 */
final class Reconnector {
  private final ScheduledExecutorService scheduler;
  private final Runnable attempt;
  private final long minDelayMs;
  private final long maxDelayMs;
  private long nextDelayMs;
  private ScheduledFuture<?> pending;
  private boolean stopped;

  Reconnector(ScheduledExecutorService scheduler, Runnable attempt, long minDelayMs, long maxDelayMs) {
    this.scheduler = scheduler;
    this.attempt = attempt;
    this.minDelayMs = minDelayMs;
    this.maxDelayMs = Math.max(minDelayMs, maxDelayMs);
    this.nextDelayMs = minDelayMs;
  }

  /** The connection dropped: schedule the first attempt. */
  synchronized void connectionLost() {
    nextDelayMs = minDelayMs;
    schedule();
  }

  /** An attempt failed: try again after twice the delay (capped). */
  synchronized void attemptFailed() {
    nextDelayMs = Math.min(nextDelayMs * 2, maxDelayMs);
    schedule();
  }

  synchronized void connected() {
    nextDelayMs = minDelayMs;
    cancelPending();
  }

  /** No more attempts; a running one may still finish (its outcome is then ignored). */
  synchronized void stop() {
    stopped = true;
    cancelPending();
  }

  synchronized long nextDelayMs() {
    return nextDelayMs;
  }

  synchronized boolean isScheduled() {
    return pending != null && !pending.isDone();
  }

  private void schedule() {
    if (stopped || isScheduled()) {
      return;
    }
    pending = scheduler.schedule(this::runAttempt, nextDelayMs, TimeUnit.MILLISECONDS);
  }

  private void runAttempt() {
    synchronized (this) {
      // This task is running, so it no longer counts as scheduled: a failure reported from within
      // the attempt (a synchronous refusal) must be able to schedule the next one.
      pending = null;
      if (stopped) {
        return;
      }
    }
    try {
      attempt.run();
    } catch (RuntimeException e) {
      attemptFailed();
    }
  }

  private void cancelPending() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }
}
