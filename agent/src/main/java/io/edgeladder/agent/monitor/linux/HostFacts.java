package io.edgeladder.agent.monitor.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the host is, from {@code /proc/cpuinfo} and {@code /proc/meminfo}: the CPU model, the SIMD flags
 * that decide which variants run well (x86 {@code flags}, ARM {@code Features}; {@code asimd} is reported
 * as {@code neon}) and the physical memory. Read once, for the agent's birth message.
 *
 * @param cpuModel {@code model name} (x86) or {@code Hardware}/{@code CPU part} (ARM), or {@code unknown}
 * @param cpuFlags the vector-instruction flags present, lower case, sorted
 * @param memoryBytes {@code MemTotal}, or 0 when unreadable
 * @param problems files that could not be read or parsed (the facts above then hold their fallbacks)
 */
public record HostFacts(String cpuModel, List<String> cpuFlags, long memoryBytes, List<String> problems) {
  /** The flags worth announcing: what ONNX Runtime's kernels and int8/fp16 variants depend on. */
  static final Set<String> SIMD = Set.of("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw",
      "avx512vl", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_int8", "amx_bf16", "neon", "asimddp", "asimdhp",
      "sve", "sve2", "i8mm", "bf16");

  public HostFacts {
    cpuFlags = List.copyOf(cpuFlags);
    problems = List.copyOf(problems);
  }

  /** Reads {@code root/proc}; never throws: what cannot be read is named in {@link #problems()}. */
  public static HostFacts read(Path root) {
    List<String> problems = new ArrayList<>();
    String model = "unknown";
    Set<String> flags = new TreeSet<>();
    try {
      String cpuinfo = ProbeFiles.read(root.resolve("proc").resolve("cpuinfo"));
      model = firstValue(cpuinfo, "model name", "Hardware", "CPU part", "cpu model");
      for (String f : firstValue(cpuinfo, "flags", "Features").split("\\s+")) {
        String flag = f.toLowerCase(Locale.ROOT);
        if (flag.equals("asimd")) flag = "neon";
        if (SIMD.contains(flag)) flags.add(flag);
      }
    } catch (ProbeFiles.BadFile e) {
      problems.add(e.getMessage());
    }
    long memory = 0;
    try {
      memory = new ProcReader(root).meminfo()[0];
    } catch (ProbeFiles.BadFile e) {
      problems.add(e.getMessage());
    }
    return new HostFacts(model.isBlank() ? "unknown" : model, new ArrayList<>(flags), memory, problems);
  }

  /** The value of the first line whose key is one of {@code keys} (in that order of preference), or "". */
  private static String firstValue(String text, String... keys) {
    for (String key : keys) {
      for (String line : text.split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(key)) return line.substring(colon + 1).trim();
      }
    }
    return "";
  }
}
