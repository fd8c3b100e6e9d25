package io.edgeladder.protocol.fleet;

import io.edgeladder.protocol.Fields;
import java.util.List;

/**
 * What an agent runs on, as announced in its {@link AgentBirth}. The controller matches variants to it
 * (an int8 rung wants {@code avx512vnni} or {@code avx2}; arm64 wants {@code neon}).
 *
 * @param cpuModel CPU model name, e.g. {@code Intel(R) Xeon(R) Platinum 8375C}, or {@code unknown}
 * @param cores logical cores available to the JVM, at least 1
 * @param arch {@code os.arch}, e.g. {@code amd64}, {@code aarch64}
 * @param os {@code os.name} and version, e.g. {@code Linux 6.1}
 * @param memoryBytes physical memory, 0 when unknown
 * @param cpuFlags instruction-set flags, lower case, e.g. {@code avx2}, {@code avx512f}, {@code neon}
 */
public record Hardware(String cpuModel, int cores, String arch, String os, long memoryBytes, List<String> cpuFlags) {
  private static final String R = "Hardware";

  public Hardware {
    Fields.text(R, "cpuModel", cpuModel);
    Fields.atLeast(R, "cores", 1, cores);
    Fields.text(R, "arch", arch);
    Fields.text(R, "os", os);
    Fields.atLeast(R, "memoryBytes", 0, memoryBytes);
    cpuFlags = Fields.texts(R, "cpuFlags", cpuFlags);
  }
}
