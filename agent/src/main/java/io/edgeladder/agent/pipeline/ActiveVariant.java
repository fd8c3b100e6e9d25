package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.ModelSignature;
import io.micrometer.core.instrument.Clock;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One variant as a pipeline serves it: the loaded model, one runner per inference worker, and the id and
 * sha256 the results carry. A pipeline reads its current variant once per window (one volatile read).
 *
 * <p>Drain protocol (why {@link #enter} is paired with a re-read of the pipeline's holder): a worker
 * increments {@link #inFlight} and then re-reads the holder; if the variant was replaced in between it
 * leaves and takes the new one. The swap writes the holder first and then waits for {@code inFlight == 0};
 * with both sides on volatile/atomic accesses, once that wait ends no run on this variant can start
 * again, so {@link #close} cannot race a run (ORT does not guard against that).
 *
 * <p>Threads: {@link #runner(int)} for worker {@code w} only on that worker (or, before the variant is
 * published, on the swap's loader thread for warm-up); counters from any thread.
 */
public final class ActiveVariant {
  private final String id;
  private final String sha256;
  private final Path file;
  private final LoadedModel model;
  private final ModelRunner[] runners;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong missed = new AtomicLong();
  private final AtomicLong shedLate = new AtomicLong();
  private volatile long warmRunNanos;

  private ActiveVariant(String id, Path file, LoadedModel model, int workers) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("variant id must be set but was '" + id + "'");
    }
    if (workers <= 0) {
      throw new IllegalArgumentException("variant " + id + ": workers must be > 0 but was " + workers);
    }
    this.id = id;
    this.sha256 = model.sha256();
    this.file = file;
    this.model = model;
    this.runners = new ModelRunner[workers];
    try {
      for (int w = 0; w < workers; w++) {
        runners[w] = model.newRunner();
      }
    } catch (RuntimeException e) {
      closeRunners();
      throw e;
    }
  }

  /** Wraps {@code model} with one runner per worker; the caller still owns the model until it is served. */
  public static ActiveVariant of(String id, Path file, LoadedModel model, int workers) {
    return new ActiveVariant(id, file, model, workers);
  }

  /**
   * Runs every runner {@code runs} times on zeros (JIT, ORT arena, kernel selection), before the variant is
   * published; the median of the second half seeds the scheduler's run-time prediction.
   *
   * @return the median warm run time in nanos
   */
  public long warmUp(int runs, Clock clock) throws InferenceException {
    ModelSignature sig = model.signature();
    float[] in = new float[sig.inputSize()];
    float[] out = new float[sig.outputSize()];
    int keep = Math.max(1, runs / 2);
    long[] times = new long[keep * runners.length];
    int n = 0;
    for (ModelRunner r : runners) {
      for (int i = 0; i < Math.max(1, runs); i++) {
        long start = clock.monotonicTime();
        r.run(in, out);
        if (i >= Math.max(1, runs) - keep) {
          times[n++] = clock.monotonicTime() - start;
        }
      }
    }
    Arrays.sort(times, 0, n);
    warmRunNanos = times[n / 2];
    return warmRunNanos;
  }

  /** Throws {@link IllegalArgumentException} unless this variant fits where {@code prev} serves. */
  void checkCanReplace(ActiveVariant prev, String pipeline) {
    if (workers() != prev.workers()) {
      throw new IllegalArgumentException("pipeline " + pipeline + ": variant " + id + " has " + workers()
          + " runners but the pipeline has " + prev.workers() + " workers");
    }
    ModelSignature s = signature();
    ModelSignature p = prev.signature();
    if (s.inputSize() != p.inputSize() || s.outputSize() != p.outputSize()) {
      throw new IllegalArgumentException("pipeline " + pipeline + ": variant " + id + " takes " + s.inputSize()
          + " inputs and gives " + s.outputSize() + " outputs but the pipeline needs " + p.inputSize()
          + " and " + p.outputSize());
    }
  }

  public String id() {
    return id;
  }

  public String sha256() {
    return sha256;
  }

  /** The file the model was loaded from. */
  public Path file() {
    return file;
  }

  public LoadedModel model() {
    return model;
  }

  public ModelSignature signature() {
    return model.signature();
  }

  public int workers() {
    return runners.length;
  }

  /** The runner of worker {@code w}; only that worker runs it once the variant is published. */
  public ModelRunner runner(int worker) {
    return runners[worker];
  }

  /** Median warm run time from {@link #warmUp}, 0 before. */
  public long warmRunNanos() {
    return warmRunNanos;
  }

  void enter() {
    inFlight.incrementAndGet();
  }

  void exit() {
    inFlight.decrementAndGet();
  }

  /** Runs started on this variant and not yet finished. */
  public int inFlight() {
    return inFlight.get();
  }

  void recordServed(boolean deadlineMet) {
    served.incrementAndGet();
    if (!deadlineMet) {
      missed.incrementAndGet();
    }
  }

  void recordDeadlineShed() {
    shedLate.incrementAndGet();
  }

  /** Windows this variant was responsible for: served, plus shed because they could no longer make it. */
  public long windows() {
    return served.get() + shedLate.get();
  }

  /** Deadline misses while this variant served: served late, plus shed as too late. */
  public long deadlineMisses() {
    return missed.get() + shedLate.get();
  }

  /** Closes the runners, then the model. Only once drained: {@link #inFlight()} must be 0. */
  public void close() {
    closeRunners();
    model.close();
  }

  private void closeRunners() {
    for (ModelRunner r : runners) {
      if (r != null) {
        r.close();
      }
    }
  }
}
