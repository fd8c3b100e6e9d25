package io.edgeladder.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.adaptive.TestLadder;
import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole adaptive loop in a real agent: a two-rung ladder (fp32 {@code base}, int8 {@code qat}), a
 * simulated battery that is empty within a fraction of a second (a trickle of harvest keeps the energy
 * budget above zero), real profiles, the embedded broker and a streaming simulator. The policy must step
 * down to the cheaper rung, the swap must complete, results must carry the new sha256 and sequence
 * numbers must have no gap or repeat across the swap.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdaptiveIT {
  private static final String AGENT = "adapt-gw";

  @TempDir Path dir;

  @Test
  void agent_batteryDrains_swapsDownToCheaperRungWithGapFreeSequence() throws Exception {
    Path ladder = TestLadder.write(dir.resolve("ladder"));
    Files.writeString(dir.resolve("trickle.csv"), "t_seconds,harvest_watts\n0,0.000001\n60,0.000001\n");
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      String yaml = """
          agent: {id: %s}
          broker: {url: %s, resultQos: 1}
          http: {port: -1}
          pipelines:
            - {name: pump-1, topic: sensors/pump-1/vibration, channels: [x, y, z], sampleRateHz: 10000,
               model: %s, deadlineMs: 1000, ladder: %s}
          monitor:
            periodMs: 100
            power: {source: simulated, batteryWh: 0.001, initialSoc: 0.5, idleWatts: 3, wattsPerCore: 2,
                    harvestTrace: trickle.csv}
          adaptive: {periodMs: 200, holdDownMs: 0, probationMs: 0, stateDir: state}
          """.formatted(AGENT, broker.url(), TestLadder.CARD, ladder);
      AgentConfig config = ConfigLoader.parse(yaml, dir, Map.of());
      try (Agent agent = E2e.start(config);
          MqttCollector collector = MqttCollector.subscribe(broker.url(), AGENT);
          SensorSimulator sim = SensorSimulator.start(E2e.simulator(broker.url(), "pump-1", PayloadFormat.RAW, 5,
              Duration.ofSeconds(2), Duration.ofSeconds(16), 4))) {
        assertThat(agent.adaptive()).isNotNull();
        String qatSha = E2e.sha256(TestLadder.QAT);

        E2e.await("swap.completed to qat", Duration.ofSeconds(60),
            () -> collector.events("swap.completed", "pump-1").stream().anyMatch(e -> e.message().contains("-> qat"))
                && collector.results("pump-1").stream().anyMatch(r -> r.sha256().equals(qatSha)),
            () -> "decisions " + collector.events("policy.decision", "pump-1").stream().map(AgentEvent::message)
                .distinct().toList() + ", swaps " + collector.events("swap.failed", "pump-1"));
        assertThat(sim.awaitDone(Duration.ofSeconds(30))).as("simulator finished").isTrue();
        E2e.await("every result delivered", Duration.ofSeconds(20), () -> gapFree(collector.results("pump-1")),
            () -> "seqs " + collector.results("pump-1").stream().map(InferenceResult::seq).sorted().toList());

        List<AgentEvent> down = collector.events("policy.decision", "pump-1").stream()
            .filter(e -> "SWITCH".equals(e.details().get("action")) && "qat".equals(e.details().get("target")))
            .toList();
        assertThat(down).as("a policy.decision switching to qat").isNotEmpty();
        assertThat(down.get(0).details().get("current")).isEqualTo("base");
        List<InferenceResult> results = collector.results("pump-1");
        assertThat(results).extracting(InferenceResult::variant).contains("base", "qat");
        assertThat(results).filteredOn(r -> r.variant().equals("qat")).extracting(InferenceResult::sha256)
            .containsOnly(qatSha);
        assertThat(results).filteredOn(r -> r.variant().equals("base")).extracting(InferenceResult::sha256)
            .containsOnly(E2e.sha256(TestLadder.BASE));
        assertThat(agent.adaptive().refusals()).isZero();
        assertThat(collector.unparsable()).isEmpty();
        assertThat(Files.list(dir.resolve("state/profiles")).count()).as("stored profiles").isEqualTo(2);
      }
    }
  }

  /** Sequence numbers are consecutive from the first: none lost, none repeated. */
  private static boolean gapFree(List<InferenceResult> results) {
    long[] seqs = results.stream().mapToLong(InferenceResult::seq).sorted().toArray();
    for (int i = 1; i < seqs.length; i++) {
      if (seqs[i] != seqs[i - 1] + 1) return false;
    }
    return seqs.length > 0;
  }
}
