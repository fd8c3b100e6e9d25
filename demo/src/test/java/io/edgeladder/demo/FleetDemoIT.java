package io.edgeladder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.AgentEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short scripted run of the fleet demo as shipped (configs/demo-controller.yaml, configs/fleet): embedded
 * broker, controller, three agents; the controller builds the ladder with the variant builder, signs, pushes
 * and sets the desired state for {@code site=demo}; the CPU hog (2 cores) runs from 2 s to 25 s and gw-b's
 * battery drains. From the controller's registry and the agents' events: three agents registered, the
 * release installed by all three, at some second two agents served different variant files, no swap failed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FleetDemoIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void run_threeAgents_releaseInstalledByAllAndAgentsServeDifferentRungs() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    FleetRun.Outcome o;
    try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
      DemoRun.Options common = new DemoRun.Options(null, 0, null, Duration.ofSeconds(4), Duration.ofSeconds(45),
          true, 1.0, 2, 25, 2, out);
      o = FleetRun.run(new FleetRun.Options(common, REPO, REPO.resolve("configs/demo-controller.yaml"),
          REPO.resolve("configs/fleet")));
    }
    String printed = text.toString(StandardCharsets.UTF_8);

    assertThat(o.exitCode()).as(printed).isZero();
    assertThat(o.registered()).as(printed).isEqualTo(3);
    assertThat(o.releaseSha()).as(printed).isNotNull();
    assertThat(o.installed()).as("agents with the release applied; %s", printed).isEqualTo(3);
    assertThat(o.servedTogether()).as("variant files served at the same second; %s", printed)
        .anyMatch(FleetDemoIT::differentFiles);
    assertThat(o.events()).as(printed).noneMatch(e -> e.type().equals("swap.failed"));
    assertThat(o.events()).filteredOn(e -> e.type().equals("release.installed")).extracting(AgentEvent::agent)
        .containsExactlyInAnyOrder("gw-a", "gw-b", "gw-c");
    assertThat(printed).contains("REST API http://127.0.0.1:").contains("desired state for site=demo")
        .contains("ladder: ").contains("CPU hog starts");
  }

  /** Whether {@code served} ({@code id sha256-prefix} per agent) names two different files. */
  private static boolean differentFiles(Set<String> served) {
    return served.stream().map(s -> s.substring(s.indexOf(' ') + 1)).distinct().count() >= 2;
  }
}
