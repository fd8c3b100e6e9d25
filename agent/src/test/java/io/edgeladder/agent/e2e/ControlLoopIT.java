package io.edgeladder.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.adaptive.TestLadder;
import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control loop's meters and the profile refresh in a running agent. The monitor reads a /proc tree
 * the test owns ({@code monitor.root}): a writer thread keeps {@code proc/stat} advancing as if other
 * processes kept {@code load} of the two cores busy, so the background load steps when the test says so.
 * A tiny simulated battery makes the policy step down from {@code base} to {@code qat}; then the load
 * steps from 0 to 1.5 cores and both rungs must be re-profiled. Everything is read back from the agent's
 * own {@code /metrics} over HTTP and from {@code fleet/{agent}/events}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlLoopIT {
  private static final String AGENT = "loop-gw";

  @TempDir Path dir;
  private volatile double load;
  private volatile boolean writing = true;

  @Test
  void agent_drainThenLoadStep_metricsShowSwitchSwapTimeAndRefreshedProfiles() throws Exception {
    Path ladder = TestLadder.write(dir.resolve("ladder"));
    Path root = fixtureRoot();
    Files.writeString(dir.resolve("trickle.csv"), "t_seconds,harvest_watts\n0,0.000001\n60,0.000001\n");
    Thread writer = new Thread(() -> writeStat(root), "proc-stat-writer");
    writer.setDaemon(true);
    writer.start();
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      String yaml = """
          agent: {id: %s}
          broker: {url: %s, resultQos: 1}
          http: {host: 127.0.0.1, port: 0}
          pipelines:
            - {name: pump-1, topic: sensors/pump-1/vibration, channels: [x, y, z], sampleRateHz: 10000,
               model: %s, deadlineMs: 1000, ladder: %s}
          monitor:
            periodMs: 100
            root: %s
            power: {source: simulated, batteryWh: 0.001, initialSoc: 0.5, idleWatts: 3, wattsPerCore: 2,
                    harvestTrace: trickle.csv}
          adaptive:
            periodMs: 200
            holdDownMs: 0
            probationMs: 0
            stateDir: state
            profileRefresh: {loadDeltaCores: 0.5, samples: 3, minIntervalMs: 0}
          """.formatted(AGENT, broker.url(), TestLadder.CARD, ladder, root);
      AgentConfig config = ConfigLoader.parse(yaml, dir, Map.of());
      try (Agent agent = E2e.start(config);
          MqttCollector collector = MqttCollector.subscribe(broker.url(), AGENT);
          SensorSimulator sim = SensorSimulator.start(E2e.simulator(broker.url(), "pump-1", PayloadFormat.RAW, 5,
              Duration.ofSeconds(2), Duration.ofSeconds(30), 2))) {
        E2e.await("swap.completed to qat", Duration.ofSeconds(60),
            () -> collector.events("swap.completed", "pump-1").stream().anyMatch(e -> e.message().contains("-> qat")),
            () -> "decisions " + collector.events("policy.decision", "pump-1").stream().map(AgentEvent::message)
                .distinct().toList());
        assertThat(collector.events("profile.refreshed", "pump-1")).as("no refresh while the load is steady").isEmpty();

        load = 1.5;
        E2e.await("both rungs re-profiled", Duration.ofSeconds(30),
            () -> refreshed(collector).size() >= 2, () -> "refreshed " + refreshed(collector));
        long resultsAtRefresh = collector.results("pump-1").size();
        E2e.await("results keep coming after the refresh", Duration.ofSeconds(10),
            () -> collector.results("pump-1").size() > resultsAtRefresh + 10);

        AgentEvent base = collector.events("profile.refreshed", "pump-1").stream()
            .filter(e -> "base".equals(e.details().get("variant"))).findFirst().orElseThrow();
        assertThat(((Number) base.details().get("oldLoadCores")).doubleValue()).isLessThan(0.5);
        assertThat(((Number) base.details().get("loadCores")).doubleValue()).isBetween(1.2, 1.8);
        assertThat(((Number) base.details().get("newP99Ms")).doubleValue()).isPositive();

        PromText m = E2e.metrics(agent);
        String[] p = {"pipeline", "pump-1"};
        assertThat(m.count("edge_policy_decisions_total", "pipeline", "pump-1", "action", "SWITCH")).isPositive();
        assertThat(m.count("edge_policy_decisions_total", "pipeline", "pump-1", "action", "HOLD")).isPositive();
        assertThat(m.count("edge_policy_decisions_total", "pipeline", "pump-1", "action", "PROBLEM")).isZero();
        assertThat(m.count("edge_swaps_total", "pipeline", "pump-1", "outcome", "completed")).isPositive();
        assertThat(m.count("edge_swaps_total", "pipeline", "pump-1", "outcome", "failed")).isZero();
        assertThat(m.count("edge_swap_refusals_total", p)).isZero();
        assertThat(m.sum("edge_variant_active", "pipeline", "pump-1", "variant", "qat")).isEqualTo(1.0);
        assertThat(m.sum("edge_variant_active", "pipeline", "pump-1", "variant", "base")).isEqualTo(0.0);
        assertThat(m.sum("edge_variant_time_seconds_total", "pipeline", "pump-1", "variant", "base")).isPositive();
        assertThat(m.sum("edge_variant_time_seconds_total", "pipeline", "pump-1", "variant", "qat")).isPositive();
        assertThat(m.count("edge_profile_refreshes_total", "pipeline", "pump-1", "variant", "base")).isPositive();
        assertThat(m.count("edge_profile_refreshes_total", "pipeline", "pump-1", "variant", "qat")).isPositive();
        assertThat(m.count("edge_profile_refresh_failures_total", p)).isZero();
        assertThat(m.sum("edge_policy_predicted_p99_seconds", p)).isPositive().isLessThan(1.0);
        assertThat(m.sum("edge_policy_energy_budget_watts", p)).as("battery drained: a finite, small budget")
            .isGreaterThanOrEqualTo(0).isLessThan(5.0);
        assertThat(sim.awaitDone(Duration.ofSeconds(40))).isTrue();
      }
    } finally {
      writing = false;
      writer.join(5_000);
    }
  }

  private static List<Object> refreshed(MqttCollector collector) {
    return collector.events("profile.refreshed", "pump-1").stream().map(e -> e.details().get("variant")).distinct()
        .toList();
  }

  /** The linux-a fixture tree (two cores, memory, thermal) copied into the temp folder. */
  private Path fixtureRoot() throws Exception {
    Path source = Path.of(ControlLoopIT.class.getResource("/monitor/linux-a").toURI());
    Path root = dir.resolve("root");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path dest = root.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(f, dest);
        }
      }
    }
    return root;
  }

  /** Every 10 ms: per core 1 000 more ticks, {@code load / 2} of them busy; replaced atomically. */
  private void writeStat(Path root) {
    long[] busy = new long[2];
    long[] idle = new long[2];
    Path stat = root.resolve("proc/stat");
    Path tmp = root.resolve("proc/stat.tmp");
    while (writing) {
      long b = Math.round(load / 2 * 1000);
      StringBuilder cores = new StringBuilder();
      for (int i = 0; i < 2; i++) {
        busy[i] += b;
        idle[i] += 1000 - b;
        cores.append("cpu").append(i).append(' ').append(busy[i]).append(" 0 0 ").append(idle[i]).append(" 0 0 0 0 0 0\n");
      }
      String text = "cpu  " + (busy[0] + busy[1]) + " 0 0 " + (idle[0] + idle[1]) + " 0 0 0 0 0 0\n" + cores;
      try {
        Files.writeString(tmp, text);
        Files.move(tmp, stat, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Thread.sleep(10);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
