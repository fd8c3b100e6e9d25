package io.edgeladder.agent.policy.profile;

/**
 * How one variant runs on this device, measured by {@link Profiler}.
 *
 * @param variantId the ladder's variant id
 * @param sha256 hex sha256 of the model file (the store's key: same bytes, same profile)
 * @param p50Ms median latency of one inference, milliseconds, at {@code threads}
 * @param p99Ms 99th percentile latency, milliseconds
 * @param threads ONNX Runtime intra-op threads during the measurement
 * @param cpuMsPerInference CPU time of the calling thread per inference, milliseconds
 * @param joulesPerInference energy per inference, joules
 * @param energySource whether {@code joulesPerInference} was measured or modelled from CPU time
 * @param backgroundLoadCores cores busy with other processes while measuring (0 = idle device)
 * @param measuredAtMillis wall-clock epoch millis of the measurement
 */
public record VariantProfile(
    String variantId,
    String sha256,
    double p50Ms,
    double p99Ms,
    int threads,
    double cpuMsPerInference,
    double joulesPerInference,
    EnergySource energySource,
    double backgroundLoadCores,
    long measuredAtMillis) {

  /** Where a profile's joules come from. */
  public enum EnergySource {
    /** Difference of an energy counter (RAPL, battery) over the timed runs. */
    MEASURED,
    /** CPU seconds × the configured watts per core. */
    CPU_MODEL
  }

  public VariantProfile {
    if (variantId == null || variantId.isBlank()) throw new IllegalArgumentException("profile variantId is missing");
    String at = "profile " + variantId + " ";
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(at + "sha256 must be 64 lower-case hex digits but was " + sha256);
    }
    nonNegative(at + "p50Ms", p50Ms);
    nonNegative(at + "p99Ms", p99Ms);
    if (p99Ms < p50Ms) throw new IllegalArgumentException(at + "p99Ms must be >= p50Ms (" + p50Ms + ") but was " + p99Ms);
    if (threads < 1) throw new IllegalArgumentException(at + "threads must be >= 1 but was " + threads);
    nonNegative(at + "cpuMsPerInference", cpuMsPerInference);
    nonNegative(at + "joulesPerInference", joulesPerInference);
    if (energySource == null) throw new IllegalArgumentException(at + "energySource is missing");
    nonNegative(at + "backgroundLoadCores", backgroundLoadCores);
  }

  private static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be finite and >= 0 but was " + v);
  }
}
