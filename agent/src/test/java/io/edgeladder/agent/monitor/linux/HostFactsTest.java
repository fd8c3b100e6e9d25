package io.edgeladder.agent.monitor.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsTest {
  @TempDir Path root;

  @Test
  void read_x86CpuinfoAndMeminfo_modelSimdFlagsAndMemory() throws Exception {
    Fixtures.write(root, "proc/cpuinfo", """
        processor\t: 0
        vendor_id\t: AuthenticAMD
        model name\t: AMD EPYC 7B13
        flags\t\t: fpu vme sse4_1 sse4_2 avx avx2 fma f16c avx512f avx512_vnni rdrand
        
        processor\t: 1
        model name\t: AMD EPYC 7B13
        flags\t\t: fpu vme sse4_1 sse4_2 avx avx2 fma f16c avx512f avx512_vnni rdrand
        """);
    Fixtures.write(root, "proc/meminfo", "MemTotal:        8048576 kB\nMemFree: 1 kB\nMemAvailable:    4000000 kB\n");

    HostFacts h = HostFacts.read(root);

    assertThat(h.cpuModel()).isEqualTo("AMD EPYC 7B13");
    assertThat(h.cpuFlags()).containsExactly("avx", "avx2", "avx512_vnni", "avx512f", "f16c", "fma", "sse4_1",
        "sse4_2");
    assertThat(h.memoryBytes()).isEqualTo(8048576L * 1024);
    assertThat(h.problems()).isEmpty();
  }

  @Test
  void read_armCpuinfo_asimdReportedAsNeon() throws Exception {
    Fixtures.write(root, "proc/cpuinfo", """
        processor\t: 0
        BogoMIPS\t: 108.00
        Features\t: fp asimd evtstrm aes crc32 asimddp sve i8mm
        CPU part\t: 0xd0c
        """);
    Fixtures.write(root, "proc/meminfo", "MemTotal: 1024 kB\nMemAvailable: 512 kB\n");

    HostFacts h = HostFacts.read(root);

    assertThat(h.cpuModel()).isEqualTo("0xd0c");
    assertThat(h.cpuFlags()).containsExactly("asimddp", "i8mm", "neon", "sve");
  }

  @Test
  void read_missingFiles_fallbacksAndProblemsNamed() {
    HostFacts h = HostFacts.read(root);

    assertThat(h.cpuModel()).isEqualTo("unknown");
    assertThat(h.cpuFlags()).isEmpty();
    assertThat(h.memoryBytes()).isZero();
    assertThat(h.problems()).hasSize(2).anySatisfy(p -> assertThat(p).contains("cpuinfo").contains("missing"))
        .anySatisfy(p -> assertThat(p).contains("meminfo"));
  }
}
