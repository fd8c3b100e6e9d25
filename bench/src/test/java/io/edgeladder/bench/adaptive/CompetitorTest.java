package io.edgeladder.bench.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompetitorTest {
  @Test
  void start_busyProcessTakesCpuAndCloseEndsIt() throws Exception {
    Competitor c = Competitor.start();
    long pid = c.pid();
    try {
      if (!Files.isRegularFile(Path.of("/proc", Long.toString(pid), "stat"))) {
        return;
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!(c.cpuSeconds() > 0.05) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(c.cpuSeconds()).isGreaterThan(0.05);
    } finally {
      c.close();
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }
}
