package io.edgeladder.agent.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose time moves only when the test calls {@link #advance}; runs due tasks on the caller,
 * periodic ones again every period. Also moves a {@link io.micrometer.core.instrument.MockClock} along.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final List<Task> tasks = new ArrayList<>();
  private final io.micrometer.core.instrument.MockClock clock;
  private long nowMs;

  ManualScheduler(io.micrometer.core.instrument.MockClock clock) {
    this.clock = clock;
  }

  void advance(long millis) {
    long target = nowMs + millis;
    while (true) {
      Task next = null;
      for (Task t : tasks) {
        if (!t.cancelled && t.dueMs <= target && (next == null || t.dueMs < next.dueMs)) next = t;
      }
      if (next == null) break;
      clock.add(next.dueMs - nowMs, TimeUnit.MILLISECONDS);
      nowMs = next.dueMs;
      if (next.periodMs > 0) {
        next.dueMs += next.periodMs;
      } else {
        tasks.remove(next);
      }
      next.command.run();
    }
    clock.add(target - nowMs, TimeUnit.MILLISECONDS);
    nowMs = target;
  }

  int activeTasks() {
    return (int) tasks.stream().filter(t -> !t.cancelled).count();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(command, unit.toMillis(delay), 0);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initial, long period, TimeUnit unit) {
    return add(command, unit.toMillis(initial), unit.toMillis(period));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initial, long delay, TimeUnit unit) {
    return add(command, unit.toMillis(initial), unit.toMillis(delay));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  private Task add(Runnable command, long delayMs, long periodMs) {
    Task t = new Task(command, nowMs + delayMs, periodMs);
    tasks.add(t);
    return t;
  }

  @Override
  public void execute(Runnable command) {
    command.run();
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private static final class Task implements ScheduledFuture<Object> {
    final Runnable command;
    final long periodMs;
    long dueMs;
    volatile boolean cancelled;

    Task(Runnable command, long dueMs, long periodMs) {
      this.command = command;
      this.dueMs = dueMs;
      this.periodMs = periodMs;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed o) {
      return 0;
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
