package io.edgeladder.controller.store.fleet;

import io.edgeladder.controller.store.Require;
import java.util.List;

/**
 * What an agent's birth says about its machine.
 *
 * @param cpuFlags instruction-set extensions the variants may need, e.g. {@code avx2}, {@code neon}
 */
public record Hardware(
    String cpuModel, int cores, String arch, String os, long memoryBytes, List<String> cpuFlags) {
  public Hardware {
    Require.present("hardware.cpuModel", cpuModel);
    if (cores < 1) {
      throw new IllegalArgumentException("hardware.cores must be >= 1 but was " + cores);
    }
    Require.id("hardware.arch", arch, 64);
    Require.id("hardware.os", os, 128);
    Require.nonNegative("hardware.memoryBytes", memoryBytes);
    cpuFlags = List.copyOf(Require.present("hardware.cpuFlags", cpuFlags));
  }
}
