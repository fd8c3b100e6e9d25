package io.edgeladder.agent.policy.profile;

import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.policy.profile.VariantProfile.EnergySource;
import io.micrometer.core.instrument.Clock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Measures a loaded variant on this device: {@code warmupRuns} discarded runs, then {@code timedRuns}
 * sequential runs on the calling thread, timed with the clock's monotonic time.
 *
 * <p>CPU time is the calling thread's ({@link ThreadMXBean#getCurrentThreadCpuTime()}): exact for one
 * intra-op thread, where ONNX Runtime runs on the caller; with more threads it misses the pool's share.
 * Energy comes from the optional counter (microjoules, monotonic, negative = unavailable); without one,
 * or when the counter wrapped or did not move, from {@code cpuSeconds × wattsPerCore}.
 *
 * <p>Threads: call off the hot path (the swap's warm-up or a low-priority thread); it blocks for the
 * whole measurement. Not thread-safe for concurrent calls only because they would perturb each other.
 */
public final class Profiler {

  /**
   * @param warmupRuns runs discarded before timing (>= 0)
   * @param timedRuns runs the figures are taken over (>= 1)
   * @param wattsPerCore calibrated power of one busy core, watts (> 0), for the CPU-time energy model
   */
  public record Settings(int warmupRuns, int timedRuns, double wattsPerCore) {
    public Settings {
      if (warmupRuns < 0) throw new IllegalArgumentException("profiler.warmupRuns must be >= 0 but was " + warmupRuns);
      if (timedRuns < 1) throw new IllegalArgumentException("profiler.timedRuns must be >= 1 but was " + timedRuns);
      if (!(wattsPerCore > 0) || Double.isInfinite(wattsPerCore)) {
        throw new IllegalArgumentException("profiler.wattsPerCore must be > 0 but was " + wattsPerCore);
      }
    }

    public static Settings ofDefaults() {
      return new Settings(20, 200, 2.0);
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final LongSupplier cpuNanos;
  private final LongSupplier energyMicrojoules;

  Profiler(Settings settings, Clock clock, LongSupplier cpuNanos, LongSupplier energyMicrojoules) {
    this.settings = settings;
    this.clock = clock;
    this.cpuNanos = cpuNanos;
    this.energyMicrojoules = energyMicrojoules;
  }

  /**
   * @param energyMicrojoules a monotonic energy counter in microjoules (RAPL {@code energy_uj}), or
   *     {@code null} when the device has none; a negative reading means "unavailable now"
   */
  public static Profiler of(Settings settings, Clock clock, LongSupplier energyMicrojoules) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    LongSupplier cpu;
    if (threads.isCurrentThreadCpuTimeSupported()) {
      if (!threads.isThreadCpuTimeEnabled()) threads.setThreadCpuTimeEnabled(true);
      cpu = threads::getCurrentThreadCpuTime;
    } else {
      cpu = clock::monotonicTime; // no per-thread CPU clock: wall time is the pessimistic stand-in
    }
    return new Profiler(settings, clock, cpu, energyMicrojoules);
  }

  /**
   * Profiles {@code model} on {@code input} (the ladder's golden input; {@code null} = zeros).
   *
   * @param threads the intra-op threads the model was loaded with (recorded, not applied)
   * @param backgroundLoadCores cores busy with other processes now (recorded for refresh decisions)
   * @throws InferenceException when a run fails
   */
  public VariantProfile profile(String variantId, LoadedModel model, float[] input, int threads,
      double backgroundLoadCores) throws InferenceException {
    float[] in = input != null ? input : new float[model.signature().inputSize()];
    if (in.length != model.signature().inputSize()) {
      throw new IllegalArgumentException("profiler " + variantId + ": input must hold "
          + model.signature().inputSize() + " floats but held " + in.length);
    }
    float[] out = new float[model.signature().outputSize()];
    long[] nanos = new long[settings.timedRuns()];
    long cpu;
    long energyUj;
    try (ModelRunner runner = model.newRunner()) {
      for (int i = 0; i < settings.warmupRuns(); i++) runner.run(in, out);
      long energy0 = readEnergy();
      long cpu0 = cpuNanos.getAsLong();
      for (int i = 0; i < nanos.length; i++) {
        long t0 = clock.monotonicTime();
        runner.run(in, out);
        nanos[i] = clock.monotonicTime() - t0;
      }
      cpu = cpuNanos.getAsLong() - cpu0;
      long energy1 = readEnergy();
      energyUj = energy0 >= 0 && energy1 > energy0 ? energy1 - energy0 : -1;
    }
    Arrays.sort(nanos);
    double cpuMs = Math.max(0, cpu) / 1e6 / nanos.length;
    boolean measured = energyUj > 0;
    double joules = measured ? energyUj / 1e6 / nanos.length : cpuMs / 1e3 * settings.wattsPerCore();
    return new VariantProfile(variantId, model.sha256(), percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6,
        threads, cpuMs, joules, measured ? EnergySource.MEASURED : EnergySource.CPU_MODEL,
        backgroundLoadCores, clock.wallTime());
  }

  private long readEnergy() {
    return energyMicrojoules == null ? -1 : energyMicrojoules.getAsLong();
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
