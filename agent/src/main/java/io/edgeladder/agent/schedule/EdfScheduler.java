package io.edgeladder.agent.schedule;

import io.edgeladder.agent.ingest.Window;
import io.edgeladder.agent.ingest.WindowSink;
import io.micrometer.core.instrument.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Earliest-deadline-first scheduling of windows across all pipelines onto a fixed set of inference
 * workers.
 *
 * <p>Windows arrive from the ingest thread ({@link #accept}); a full queue evicts the latest deadline.
 * A worker takes the earliest deadline and sheds it if {@code now + predicted run time} is already past
 * the deadline: serving it would only delay the windows behind it. Every other window is processed.
 *
 * <p>Threads: {@link #accept} on ingest threads; {@link #runOnce} on worker threads (or a test's thread);
 * {@link #start}/{@link #close} on the owner's thread.
 */
public final class EdfScheduler implements WindowSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdfScheduler.class);
  private static final long IDLE_POLL_MILLIS = 100;

  private final EdfQueue queue;
  private final WindowProcessor processor;
  private final Clock clock;
  private final int workers;
  private final Thread[] threads;
  private volatile boolean running;

  public EdfScheduler(int workers, int queueCapacity, WindowProcessor processor, Clock clock) {
    if (workers <= 0) {
      throw new IllegalArgumentException("inference.workers must be > 0 but was " + workers);
    }
    this.queue = new EdfQueue(queueCapacity);
    this.processor = processor;
    this.clock = clock;
    this.workers = workers;
    this.threads = new Thread[workers];
  }

  @Override
  public void accept(Window window) {
    Window evicted = queue.offer(window);
    if (evicted != null) {
      processor.shed(evicted, ShedReason.QUEUE_FULL);
    }
  }

  /** Starts the worker threads (platform threads at maximum priority: they carry the deadlines). */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    for (int i = 0; i < workers; i++) {
      int worker = i;
      Thread t = new Thread(() -> workLoop(worker), "inference-" + i);
      t.setDaemon(true);
      t.setPriority(Thread.MAX_PRIORITY);
      threads[i] = t;
      t.start();
    }
  }

  /**
   * Takes at most one window and processes or sheds it.
   *
   * @param worker the worker index passed to the processor
   * @return whether a window was taken
   */
  public boolean runOnce(int worker, long timeout, TimeUnit unit) throws InterruptedException {
    Window w = timeout <= 0 ? queue.poll() : queue.poll(timeout, unit);
    if (w == null) {
      return false;
    }
    long now = clock.monotonicTime();
    if (now + processor.predictedRunNanos(w.pipeline) > w.deadlineNanos) {
      processor.shed(w, ShedReason.DEADLINE);
    } else {
      processor.process(w, worker, now);
    }
    return true;
  }

  private void workLoop(int worker) {
    while (running) {
      try {
        runOnce(worker, IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable t) {
        // A worker must never die: the processor already counted the failure if it could.
        log.error("inference worker {} failed on a window", worker, t);
      }
    }
  }

  public int queued() {
    return queue.size();
  }

  public int queueCapacity() {
    return queue.capacity();
  }

  public int workers() {
    return workers;
  }

  /** Age in nanos of the longest-waiting window, 0 when none waits. */
  public long oldestQueueAgeNanos() {
    long oldest = queue.oldestClosedNanos();
    return oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.monotonicTime() - oldest);
  }

  /**
   * Stops the workers after their current window, then sheds what is still queued (reason
   * {@code shutdown}). Waits up to 5 s for in-flight runs to finish.
   */
  @Override
  public synchronized void close() {
    running = false;
    for (Thread t : threads) {
      if (t != null) {
        try {
          t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    for (Window w = queue.poll(); w != null; w = queue.poll()) {
      processor.shed(w, ShedReason.SHUTDOWN);
    }
  }
}
