package io.edgeladder.agent.monitor.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Burns {@code cores} CPU cores with busy threads until {@link #close()} or the duration ends: the
 * competing load of the demo and the CPU-contention benchmark. Threads are daemons named
 * {@code cpu-hog-N}; close returns after they stopped.
 */
public final class CpuHog implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private volatile long sink; // keeps the loop from being optimised away

  private CpuHog(int cores, Duration duration) {
    long end = System.nanoTime() + duration.toNanos(); // a wall of real CPU time, not simulated time
    for (int i = 0; i < cores; i++) {
      Thread t = new Thread(() -> burn(end), "cpu-hog-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
  }

  /** Starts {@code cores} busy threads for at most {@code duration}. */
  public static CpuHog start(int cores, Duration duration) {
    if (cores < 1) throw new IllegalArgumentException("cpu hog cores must be >= 1 but was " + cores);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("cpu hog duration must be > 0 but was " + duration);
    }
    CpuHog hog = new CpuHog(cores, duration);
    hog.threads.forEach(Thread::start);
    return hog;
  }

  private void burn(long endNanos) {
    long x = 1;
    while (running.get() && System.nanoTime() - endNanos < 0) {
      for (int i = 0; i < 10_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
      sink = x;
    }
  }

  public boolean isRunning() {
    return running.get() && threads.stream().anyMatch(Thread::isAlive);
  }

  @Override
  public void close() {
    running.set(false);
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
