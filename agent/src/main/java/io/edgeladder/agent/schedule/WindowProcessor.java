package io.edgeladder.agent.schedule;

import io.edgeladder.agent.ingest.Window;

/**
 * What the scheduler does with windows: implemented by the pipelines. Every window handed over is
 * released exactly once, by {@link #process} or {@link #shed}.
 */
public interface WindowProcessor {
  /**
   * Runs inference on {@code window} and publishes its result. Called on inference worker
   * {@code worker} (0-based); never concurrently for the same worker index.
   *
   * @param startNanos monotonic time at which the worker took the window
   */
  void process(Window window, int worker, long startNanos);

  /** Drops {@code window} without a result, counting it. Called on any thread. */
  void shed(Window window, ShedReason reason);

  /** The run time to expect for a window of {@code pipeline}, to decide whether it can still make it. */
  long predictedRunNanos(int pipeline);
}
