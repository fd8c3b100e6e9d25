package io.edgeladder.controller.variants.evaluate;

import ai.onnxruntime.OrtEnvironment;
import io.edgeladder.protocol.ladder.ReferenceHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Describes this machine for a ladder's {@link ReferenceHost}. */
public final class HostProbe {
  private HostProbe() {}

  /** This host, with the ORT version loaded in this JVM and the given intra-op thread count. */
  public static ReferenceHost describe(int intraOpThreads) {
    return new ReferenceHost(cpuModel(Path.of("/proc/cpuinfo")), Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
        Runtime.version().toString(), OrtEnvironment.getEnvironment().getVersion(), intraOpThreads);
  }

  /** The first {@code model name} line of a cpuinfo file, or {@code unknown}. */
  static String cpuModel(Path cpuinfo) {
    try {
      List<String> lines = Files.readAllLines(cpuinfo);
      for (String line : lines) {
        int colon = line.indexOf(':');
        // x86 says "model name"; some ARM kernels only say "Hardware" or "Processor"
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("model name")) {
          String value = line.substring(colon + 1).trim();
          if (!value.isEmpty()) return value;
        }
      }
      for (String line : lines) {
        int colon = line.indexOf(':');
        String key = colon > 0 ? line.substring(0, colon).trim() : "";
        if (key.equals("Hardware") || key.equals("Processor")) return line.substring(colon + 1).trim();
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc not readable: the manifest says so instead of failing the build
    }
    return "unknown";
  }
}
