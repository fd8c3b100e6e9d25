package io.edgeladder.controller.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Worker lanes that take fleet messages off Paho's callback thread: one thread per lane, an agent always
 * maps to the same lane, so its messages are recorded in arrival order while agents on other lanes proceed
 * in parallel. Each lane's queue is bounded.
 *
 * <p><b>Threads:</b> {@link #offer} and {@link #put} are called by the Paho thread; tasks run on the lanes.
 */
final class IngestLanes implements AutoCloseable {
  private final List<ThreadPoolExecutor> lanes = new ArrayList<>();

  IngestLanes(int count, int capacity) {
    if (count < 1) throw new IllegalArgumentException("fleet.ingestLanes must be >= 1 but was " + count);
    if (capacity < 1) throw new IllegalArgumentException("fleet.ingestQueue must be >= 1 but was " + capacity);
    for (int i = 0; i < count; i++) {
      String name = "fleet-ingest-" + i;
      lanes.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      }));
    }
  }

  /** Queues the task unless the agent's lane is full. @return false if dropped */
  boolean offer(String agent, Runnable task) {
    return lane(agent).getQueue().offer(task) && started(agent);
  }

  /**
   * Queues the task, waiting while the agent's lane is full: state messages (birth, status, reported) are
   * never dropped; the wait holds back Paho and so the broker (TCP back-pressure).
   *
   * @return false if interrupted or closed
   */
  boolean put(String agent, Runnable task) {
    ThreadPoolExecutor lane = lane(agent);
    if (lane.isShutdown()) return false;
    try {
      lane.getQueue().put(task);
      return started(agent);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Queued tasks across lanes (a gauge). */
  int queued() {
    int n = 0;
    for (ThreadPoolExecutor lane : lanes) n += lane.getQueue().size();
    return n;
  }

  private boolean started(String agent) {
    // Tasks go straight into the queue (so put can wait); the lane's one core thread must exist to drain it.
    lane(agent).prestartCoreThread();
    return true;
  }

  private ThreadPoolExecutor lane(String agent) {
    return lanes.get(Math.floorMod(agent.hashCode(), lanes.size()));
  }

  /** Stops taking tasks, runs what is queued (up to 5 s), then stops the threads. */
  @Override
  public void close() {
    for (ThreadPoolExecutor lane : lanes) lane.shutdown();
    for (ThreadPoolExecutor lane : lanes) {
      try {
        if (!lane.awaitTermination(5, TimeUnit.SECONDS)) lane.shutdownNow();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lane.shutdownNow();
      }
    }
  }
}
