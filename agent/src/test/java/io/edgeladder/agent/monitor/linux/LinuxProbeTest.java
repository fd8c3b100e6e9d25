package io.edgeladder.agent.monitor.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgeladder.agent.monitor.ProblemLog;
import io.edgeladder.agent.monitor.ResourceSample;
import io.edgeladder.agent.monitor.ResourceSample.BatteryStatus;
import io.edgeladder.agent.monitor.ResourceSample.Section;
import io.micrometer.core.instrument.MockClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxProbeTest {
  @TempDir Path root;
  private final MockClock clock = new MockClock();
  private final ProblemLog problems = new ProblemLog(clock);

  private LinuxProbe probe() {
    return LinuxProbe.of(root, clock, problems);
  }

  @Test
  void sample_firstCall_hasNoCpuButEverythingElse() {
    Fixtures.copy("linux-a", root);
    ResourceSample s = probe().sample();

    assertThat(s.cpu()).isNull();
    assertThat(s.absent().get(Section.CPU)).contains("two samples");
    assertThat(s.memory().totalBytes()).isEqualTo(2_048_000L * 1024);
    assertThat(s.memory().availableBytes()).isEqualTo(1_024_000L * 1024);
    assertThat(s.memory().processRssBytes()).isEqualTo(51_200L * 1024);
    assertThat(s.memory().heapUsedBytes()).isPositive();
    assertThat(s.thermal().maxCelsius()).isEqualTo(52.5);
    assertThat(s.thermal().zonesCelsius()).containsEntry("x86_pkg_temp/thermal_zone0", 45.0)
        .containsEntry("thermal_zone1", 52.5).hasSize(2);
    assertThat(s.power().batteryPercent()).isEqualTo(76);
    assertThat(s.power().status()).isEqualTo(BatteryStatus.DISCHARGING);
    assertThat(s.power().watts()).isEqualTo(4.5);
    assertThat(s.power().energyJoules()).isZero();
    assertThat(problems.count()).isZero();
  }

  @Test
  void sample_twoSnapshots_cpuPercentFromTickDeltas() {
    Fixtures.copy("linux-a", root);
    LinuxProbe probe = probe();
    probe.sample();
    Fixtures.copy("linux-b", root);
    clock.add(Duration.ofSeconds(4));
    ResourceSample.Cpu cpu = probe.sample().cpu();

    // aggregate: busy +325 of +800 ticks; cpu0 300/400, cpu1 25/400; process (utime+stime) +60 of 800
    assertThat(cpu.systemPercent()).isCloseTo(40.625, within(1e-9));
    assertThat(cpu.perCorePercent()).containsExactly(75.0, 6.25);
    assertThat(cpu.processPercent()).isCloseTo(7.5, within(1e-9));
    assertThat(cpu.load1()).isEqualTo(0.52);
    assertThat(cpu.intervalMillis()).isEqualTo(4000);
    assertThat(cpu.busyCores()).isCloseTo(0.8125, within(1e-9));
  }

  @Test
  void sample_raplCounterWraps_addsEnergyAcrossTheWrap() {
    Fixtures.copy("linux-a", root);
    LinuxProbe probe = probe();
    probe.sample();
    Fixtures.copy("linux-b", root);
    clock.add(Duration.ofSeconds(1));
    ResourceSample.Power power = probe.sample().power();

    // 262142000000 -> wrap at 262143328850 -> 2000000 µJ; the sub-domain intel-rapl:0:0 is not added
    assertThat(power.energyJoules()).isCloseTo(3.32885, within(1e-9));
    assertThat(power.watts()).isEqualTo(4.5); // the battery's own reading wins over RAPL
  }

  @Test
  void sample_noBatteryButRapl_powerFromRaplDeltas() throws Exception {
    Fixtures.copy("linux-a", root);
    Fixtures.deleteTree(root.resolve("sys/class/power_supply/BAT0"));
    LinuxProbe probe = probe();
    probe.sample();
    Fixtures.copy("linux-b", root);
    clock.add(Duration.ofSeconds(2));
    ResourceSample.Power power = probe.sample().power();

    assertThat(power.hasBattery()).isFalse();
    assertThat(power.status()).isEqualTo(BatteryStatus.UNKNOWN);
    assertThat(power.watts()).isCloseTo(3.32885 / 2, within(1e-9));
  }

  @Test
  void sample_noBatteryNoRapl_powerAbsentWithReasonAndNoProblem() throws Exception {
    Fixtures.copy("linux-a", root);
    Fixtures.deleteTree(root.resolve("sys/class/power_supply/BAT0"));
    Fixtures.deleteTree(root.resolve("sys/class/powercap"));
    ResourceSample s = probe().sample();

    assertThat(s.power()).isNull();
    assertThat(s.absent().get(Section.POWER)).contains("no battery").contains("no readable RAPL");
    assertThat(problems.count()).isZero(); // a mains-only device is normal, not a problem
  }

  @Test
  void sample_emptyRoot_allSectionsAbsentAndCountedNothingThrown() {
    ResourceSample s = probe().sample();

    assertThat(s.cpu()).isNull();
    assertThat(s.memory()).isNull();
    assertThat(s.thermal()).isNull();
    assertThat(s.power()).isNull();
    assertThat(s.absent().get(Section.CPU)).contains("proc/stat is missing");
    assertThat(s.absent().get(Section.MEMORY)).contains("meminfo is missing");
    assertThat(problems.count()).isEqualTo(2);
  }

  @Test
  void sample_garbageFiles_sectionsAbsentOrFieldsUnknown() throws Exception {
    Fixtures.copy("linux-a", root);
    LinuxProbe probe = probe();
    probe.sample();
    Fixtures.write(root, "proc/stat", "cpu  12 abc 3 4\ncpu0 1 2 3 4\n");
    Fixtures.write(root, "proc/meminfo", "MemTotal: lots\n");
    Fixtures.write(root, "proc/self/status", "\u0000\u0001binary");
    Fixtures.write(root, "sys/class/thermal/thermal_zone0/temp", "hot\n");
    Fixtures.write(root, "sys/class/power_supply/BAT0/capacity", "250\n");
    Fixtures.write(root, "sys/class/powercap/intel-rapl:0/energy_uj", "-5\n");
    clock.add(Duration.ofSeconds(1));
    ResourceSample s = probe.sample();

    assertThat(s.absent().get(Section.CPU)).contains("holds 'abc' where a number belongs");
    assertThat(s.absent().get(Section.MEMORY)).contains("meminfo holds 'lots'");
    assertThat(s.thermal().zonesCelsius()).containsOnlyKeys("thermal_zone1"); // the good zone stays
    assertThat(s.absent().get(Section.POWER)).contains("holds 250, not a percentage");
    assertThat(problems.count()).isEqualTo(5);
  }

  @Test
  void sample_badBatteryStatusAndMissingLoad_fieldsUnknownSectionsKept() throws Exception {
    Fixtures.copy("linux-a", root);
    Fixtures.write(root, "sys/class/power_supply/BAT0/status", "Exploding\n");
    java.nio.file.Files.delete(root.resolve("proc/loadavg"));
    java.nio.file.Files.delete(root.resolve("proc/self/stat"));
    LinuxProbe probe = probe();
    probe.sample();
    clock.add(Duration.ofSeconds(1));
    ResourceSample s = probe.sample();

    assertThat(s.power().status()).isEqualTo(BatteryStatus.UNKNOWN);
    assertThat(s.cpu().load1()).isNaN();
    assertThat(s.cpu().processPercent()).isNaN();
    assertThat(s.cpu().systemPercent()).isZero(); // same ticks twice: idle interval
    assertThat(problems.count()).isEqualTo(6); // status, loadavg and self/stat, on both samples
  }

  @Test
  void sample_realProc_readsThisMachine() {
    LinuxProbe probe = LinuxProbe.of(Path.of("/"), clock, problems);
    probe.sample();
    clock.add(Duration.ofSeconds(1));
    ResourceSample s = probe.sample();

    assertThat(s.cpu().perCorePercent()).hasSize(Runtime.getRuntime().availableProcessors());
    assertThat(s.memory().processRssBytes()).isPositive();
  }
}
