package io.edgeladder.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {
  @Test
  void accept_serialLog_collectorSafepointsArePausesAndHeapAfterGcIsRead() {
    GcLog log = new GcLog(Path.of("unused"));
    log.acceptAll(List.of(
        "[1.001s][info][gc] GC(0) Pause Young (Allocation Failure) 9M->3M(30M) 2.100ms",
        "[1.001s][info][safepoint] Safepoint \"GenCollectForAllocation\", Time since last: 1000000 ns,"
            + " Reaching safepoint: 100000 ns, Cleanup: 22434 ns, At safepoint: 2200000 ns, Total: 2300000 ns",
        "[2.000s][info][safepoint] Safepoint \"Cleanup\", Time since last: 999000000 ns, Reaching safepoint: 5000 ns,"
            + " At safepoint: 5000 ns, Total: 10000 ns",
        "[3.000s][info][gc] GC(1) Pause Full (Allocation Failure) 40M->12M(60M) 15.000ms",
        "[3.000s][info][safepoint] Safepoint \"GenCollectForAllocation\", Time since last: 1000 ns,"
            + " Reaching safepoint: 50000 ns, At safepoint: 15050000 ns, Total: 15100000 ns",
        "[3.100s][info][gc] Using Serial"));
    GcLog.Figures f = log.closeInterval();
    assertThat(f.collections()).isEqualTo(2);
    assertThat(f.gcPauses().count()).isEqualTo(2);
    assertThat(f.gcPauseMaxMs()).isEqualTo(15.1);
    assertThat(f.gcPauseTotalMs()).isEqualTo(17.4);
    assertThat(f.safepoints()).isEqualTo(3);
    assertThat(f.heapAfterGcMinMb()).isEqualTo(3);
    assertThat(f.heapAfterGcMaxMb()).isEqualTo(12);
    assertThat(f.heapAfterGcLastMb()).isEqualTo(12);
    assertThat(log.closeInterval().collections()).isZero(); // a new interval
    assertThat(log.runGcPauses().count()).isEqualTo(2);
  }

  @Test
  void accept_zgcAndG1Lines_pausesAndHeapRead() {
    GcLog log = new GcLog(Path.of("unused"));
    log.acceptAll(List.of(
        "[0.5s][info][gc       ] GC(0) Garbage Collection (Warmup) 14M(22%)->6M(9%)",
        "[1.345s][info][gc       ] Allocation Stall (main) 14.382ms",
        "[0.5s][info][safepoint] Safepoint \"ZMarkStart\", Time since last: 1 ns, Reaching safepoint: 20000 ns,"
            + " At safepoint: 30000 ns, Total: 50000 ns",
        "[0.6s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 23M->4M(64M) 2.345ms",
        "[0.6s][info][safepoint] Safepoint \"G1CollectForAllocation\", Time since last: 1 ns,"
            + " Reaching safepoint: 1000 ns, At safepoint: 2400000 ns, Total: 2401000 ns"));
    GcLog.Figures f = log.closeInterval();
    assertThat(f.collections()).isEqualTo(2);
    assertThat(f.gcPauses().count()).isEqualTo(2);
    assertThat(f.heapAfterGcMinMb()).isEqualTo(4);
    assertThat(f.heapAfterGcLastMb()).isEqualTo(4);
    assertThat(f.gcPauses().maxMs()).isEqualTo(2.401);
    assertThat(f.allocationStalls()).isEqualTo(1);
    assertThat(f.allocationStallMaxMs()).isEqualTo(14.382);
  }

  @Test
  void closeInterval_nothingLogged_noPausesAndNoHeapFigure() {
    GcLog.Figures f = new GcLog(Path.of("unused")).closeInterval();
    assertThat(f.collections()).isZero();
    assertThat(f.gcPauseMaxMs()).isZero();
    assertThat(f.heapAfterGcMinMb()).isNaN();
  }

  @Test
  void poll_fileGrowsInPieces_partialLineWaitsForItsEnd(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gc.log");
    GcLog log = new GcLog(file);
    log.poll(); // not there yet
    Files.writeString(file, "[1s][info][gc] GC(0) Pause Young (Allocation Failure) 9M->3");
    log.poll();
    assertThat(log.runCollections()).isZero();
    Files.writeString(file, "M(30M) 1.0ms\n[2s][info][gc] GC(1) Pause Young (Allocation Failure) 9M->4M(30M) 1.0ms\n",
        java.nio.file.StandardOpenOption.APPEND);
    log.poll();
    assertThat(log.runCollections()).isEqualTo(2);
    assertThat(log.closeInterval().heapAfterGcMinMb()).isEqualTo(3);
  }

  @Test
  void jvmFlag_neverRotates() {
    assertThat(GcLog.jvmFlag(Path.of("/tmp/x/gc.log"))).isEqualTo(
        "-Xlog:gc,safepoint:file=/tmp/x/gc.log:uptime,level,tags:filecount=0");
  }
}
