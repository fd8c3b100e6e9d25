package io.edgeladder.agent.transport.paho;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler whose time only moves when the test calls {@link #advance}; runs tasks on the caller. */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final List<Task> tasks = new ArrayList<>();
  private long nowMs;

  /** Moves time forward and runs every task that became due, in due order. */
  void advance(long millis) {
    long target = nowMs + millis;
    while (true) {
      Task next = null;
      for (Task task : tasks) {
        if (task.dueMs <= target && !task.isDone() && (next == null || task.dueMs < next.dueMs)) {
          next = task;
        }
      }
      if (next == null) {
        break;
      }
      tasks.remove(next);
      nowMs = next.dueMs;
      next.run();
    }
    nowMs = target;
    tasks.removeIf(FutureTask::isDone);
  }

  /** Delays (ms from now) of the tasks still waiting. */
  List<Long> pendingDelays() {
    List<Long> delays = new ArrayList<>();
    for (Task task : tasks) {
      if (!task.isDone()) {
        delays.add(task.dueMs - nowMs);
      }
    }
    return delays;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Task task = new Task(command, nowMs + unit.toMillis(delay));
    tasks.add(task);
    return task;
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initial, long period, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initial, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
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

  private final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {
    final long dueMs;

    Task(Runnable runnable, long dueMs) {
      super(runnable, null);
      this.dueMs = dueMs;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueMs - nowMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
    }
  }
}
