package io.edgeladder.agent.monitor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarvestTraceTest {
  @TempDir Path dir;

  @Test
  void fromCsv_headerAndComments_interpolatesAndRepeats() throws Exception {
    HarvestTrace t = HarvestTrace.fromCsv(Path.of(getClass().getResource("/monitor/harvest.csv").toURI()));

    assertThat(t.wattsAt(0)).isZero();
    assertThat(t.wattsAt(50)).isCloseTo(5, within(1e-9));
    assertThat(t.wattsAt(100)).isEqualTo(10);
    assertThat(t.wattsAt(150)).isCloseTo(5, within(1e-9));
    assertThat(t.wattsAt(250)).isCloseTo(5, within(1e-9)); // second period
    assertThat(t.periodSeconds()).isEqualTo(200);
  }

  @Test
  void fromCsv_garbageLine_rejectedNamingFileAndLine() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "t_seconds,harvest_watts\n0,1\n10,sunny\n");
    assertThatThrownBy(() -> HarvestTrace.fromCsv(csv)).hasMessageContaining("bad.csv line 3: '10,sunny'");
  }

  @Test
  void of_timesNotIncreasingOrNegativeWatts_rejected() {
    assertThatThrownBy(() -> HarvestTrace.of(new double[] {0, 5, 5}, new double[] {1, 1, 1}))
        .hasMessageContaining("point 2 is at 5.0 after 5.0");
    assertThatThrownBy(() -> HarvestTrace.of(new double[] {0, 5}, new double[] {1, -1}))
        .hasMessageContaining("point 1 must have watts >= 0 but had -1.0");
    assertThatThrownBy(() -> HarvestTrace.of(new double[] {3, 5}, new double[] {1, 1}))
        .hasMessageContaining("must start at t=0");
  }

  @Test
  void diurnal_sameSeed_sameCurveDarkAtNightPeakAtNoon() {
    HarvestTrace a = HarvestTrace.diurnal(20, 86_400, 0.5, 42);
    HarvestTrace b = HarvestTrace.diurnal(20, 86_400, 0.5, 42);
    HarvestTrace c = HarvestTrace.diurnal(20, 86_400, 0.5, 43);

    assertThat(a.wattsAt(3 * 3600)).isZero();
    assertThat(a.wattsAt(12 * 3600)).isBetween(10.0, 20.0);
    assertThat(a.wattsAt(12 * 3600)).isEqualTo(b.wattsAt(12 * 3600));
    assertThat(a.wattsAt(11 * 3600)).isNotEqualTo(c.wattsAt(11 * 3600));
    assertThat(HarvestTrace.diurnal(20, 600, 0, 1).wattsAt(300)).isCloseTo(20, within(1e-9));
  }
}
