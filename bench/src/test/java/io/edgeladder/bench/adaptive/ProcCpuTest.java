package io.edgeladder.bench.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcCpuTest {
  @Test
  void parse_commandWithSpacesAndParens_readsUtimePlusStime() {
    String stat = "4242 (java (agent) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 30 0 99 0 0";
    assertThat(ProcCpu.parse(stat)).isEqualTo((1234 + 567) / 100.0);
  }

  @Test
  void parse_notAStatLine_rejectedNamingWhy() {
    assertThatThrownBy(() -> ProcCpu.parse("garbage")).hasMessageContaining("no ')'");
    assertThatThrownBy(() -> ProcCpu.parse("1 (x) S 1 2")).hasMessageContaining("fields");
    assertThatThrownBy(() -> ProcCpu.parse("1 (x) S 1 2 3 4 5 6 7 8 9 10 ten 12"))
        .hasMessageContaining("not numbers");
  }

  @Test
  void seconds_thisProcess_readsProcfsAndGoesUpWithWork() {
    long pid = ProcessHandle.current().pid();
    if (!Files.isRegularFile(Path.of("/proc", Long.toString(pid), "stat"))) {
      return; // no procfs: nothing to read
    }
    double before = ProcCpu.seconds(pid);
    long end = System.nanoTime() + 300_000_000L;
    long sink = 0;
    while (System.nanoTime() < end) {
      sink += sink * 31 + 7;
    }
    assertThat(sink).isNotEqualTo(1);
    assertThat(ProcCpu.seconds(pid)).isGreaterThan(before);
  }

  @Test
  void seconds_noSuchProcess_nan() {
    assertThat(ProcCpu.seconds(Long.MAX_VALUE)).isNaN();
  }
}
