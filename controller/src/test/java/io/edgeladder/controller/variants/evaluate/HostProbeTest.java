package io.edgeladder.controller.variants.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.ladder.ReferenceHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProbeTest {
  @Test
  void cpuModel_x86Cpuinfo_readsModelName(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("cpuinfo"),
        "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n");
    assertThat(HostProbe.cpuModel(f)).isEqualTo("Intel(R) Xeon(R) CPU @ 2.20GHz");
  }

  @Test
  void cpuModel_armOrMissing_fallsBack(@TempDir Path dir) throws Exception {
    Path arm = Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nBogoMIPS\t: 108.00\nHardware\t: BCM2835\n");
    assertThat(HostProbe.cpuModel(arm)).isEqualTo("BCM2835");
    assertThat(HostProbe.cpuModel(dir.resolve("absent"))).isEqualTo("unknown");
  }

  @Test
  void describe_thisHost_reportsOrtVersionAndThreads() {
    ReferenceHost host = HostProbe.describe(1);
    assertThat(host.ortVersion()).isEqualTo("1.29.0");
    assertThat(host.threads()).isEqualTo(1);
    assertThat(host.cores()).isPositive();
  }
}
