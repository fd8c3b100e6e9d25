package io.edgeladder.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.Store;
import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.fleet.FleetSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, item 2 (regression): a controller killed with SIGKILL right after a commit must find that commit when
 * it opens its H2 file again. With H2's default write delay (500 ms, flushed by a background thread) the last
 * half second of committed transactions was lost, although the controller had already acted on them (published
 * a desired version, moved a rollout on).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class H2KillIT {
  @TempDir Path dir;

  @Test
  void h2_kill9RightAfterCommit_commitSurvives() throws Exception {
    Path log = dir.resolve("child.log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx128m", "-cp",
        System.getProperty("java.class.path"), H2CommitMain.class.getName(), dir.resolve("data").toString(), "3"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long killedAt;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      while (!Files.readString(log).contains("issued 3")) {
        assertThat(child.isAlive()).as("child alive: %s", Files.readString(log)).isTrue();
        assertThat(System.nanoTime()).as("child never committed: %s", Files.readString(log)).isLessThan(deadline);
        Thread.sleep(5);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL within a few ms of the last commit
      killedAt = System.nanoTime();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    try (Store store = Store.open(DatabaseConfig.embedded(dir.resolve("data")), FleetSettings.ofDefaults(),
        Clock.systemUTC())) {
      long version = store.desiredStates().get("gw-kill").flatMap(AgentState::desired).map(d -> d.version())
          .orElse(0L);
      System.out.printf("[kill-h2] reopened %d ms after SIGKILL: desired version %d of 3 survived%n",
          (System.nanoTime() - killedAt) / 1_000_000, version);
      assertThat(version).isEqualTo(3);
    }
  }
}
