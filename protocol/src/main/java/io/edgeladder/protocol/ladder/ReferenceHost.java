package io.edgeladder.protocol.ladder;

/**
 * The machine the ladder's latencies were measured on; an agent compares its own profile against it.
 *
 * @param cpuModel CPU model name (from {@code /proc/cpuinfo} on Linux), or {@code unknown}
 * @param cores logical processors available to the JVM
 * @param os operating system name and version
 * @param arch CPU architecture, e.g. {@code amd64}
 * @param java Java runtime version
 * @param ortVersion ONNX Runtime version the latencies were measured with
 * @param threads ONNX Runtime intra-op threads used for every latency figure
 */
public record ReferenceHost(
    String cpuModel, int cores, String os, String arch, String java, String ortVersion, int threads) {

  public ReferenceHost {
    Checks.text("referenceHost.cpuModel", cpuModel);
    Checks.positive("referenceHost.cores", cores);
    Checks.text("referenceHost.ortVersion", ortVersion);
    Checks.positive("referenceHost.threads", threads);
  }
}
