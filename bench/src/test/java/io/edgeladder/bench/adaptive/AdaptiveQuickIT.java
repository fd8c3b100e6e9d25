package io.edgeladder.bench.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.bench.AgentProcess;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.controller.variants.evaluate.EvaluationSettings;
import io.edgeladder.simulator.DatasetSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The building blocks of {@code adaptive --quick}, shortened: the real agent in its own JVM on the embedded
 * broker, forced swaps, the in-run ladder, a pinned run and a policy run with a simulated battery and the
 * competitor. Correctness only (nothing lost, duplicated or reordered; every swap completes; the pin
 * serves every window; counts agree): timing claims belong to the benchmark itself. Deadlines are long,
 * so a busy CI machine cannot make the agent shed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdaptiveQuickIT {
  private static final Path CARD = Path.of("../models/vibration-cnn/model-card.json").toAbsolutePath().normalize();
  private static final List<String> FLAGS = Arrays.asList(AgentProcess.GATEWAY_JVM_FLAGS.split(" "));
  private static EmbeddedBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void swaps_forcedUnderLoad_nothingLostDuplicatedOrReorderedAndEverySwapServes(@TempDir Path work)
      throws Exception {
    SwapResult r = SwapScenario.run(new SwapScenario.Params(broker.url(), freePort(), CARD,
        Path.of("../configs/ladder/ladder.json").toAbsolutePath().normalize(), 200, 2, 6, 2, List.of("fp32", "qat"),
        2000, FLAGS, work, 1), line -> { });

    assertThat(r.windows()).isEqualTo(1200); // 200 windows/s for 6 s, one window per message
    assertThat(r.unanswered()).isZero();
    assertThat(r.duplicates()).isZero();
    assertThat(r.reordered()).isZero();
    assertThat(r.swaps()).hasSize(2);
    assertThat(r.swaps()).extracting(SwapResult.Swap::to).containsExactly("qat", "fp32");
    assertThat(r.swaps()).allSatisfy(s -> {
      assertThat(s.completed()).isTrue();
      assertThat(s.toFirstResultMs()).isPositive();
      assertThat(s.flipMicros()).isGreaterThanOrEqualTo(0);
    });
    assertThat(r.failedSwaps()).isZero();
    assertThat(r.errors()).isEmpty();
    assertThat(r.steady().count() + r.nearSwaps().count()).isEqualTo((int) r.windows());
  }

  @Test
  void ladderAndPolicyRuns_pinServesEveryWindowAndBatteryDrains(@TempDir Path work) throws Exception {
    BenchLadder ladder = BenchLadder.build(new BenchLadder.Settings(CARD,
        Path.of("../models/vibration-cnn-teacher/model-card.json").toAbsolutePath().normalize(),
        Path.of("../models/variants").toAbsolutePath().normalize(),
        new DatasetSpec(20, 1024, 10_000, 7, 15, 45, 0.5, 1.0, 8, 4), new EvaluationSettings(1, 10, 50, 0)),
        work, line -> { });
    assertThat(ladder.manifest().variants()).extracting(v -> v.id()).contains("fp32", "teacher", "int8-static");
    assertThat(ladder.rungs()).isNotEmpty().allSatisfy(r -> assertThat(r.accuracy()).isBetween(0.0, 1.0));
    assertThat(ladder.mostAccurate().accuracy())
        .isEqualTo(ladder.rungs().stream().mapToDouble(r -> r.accuracy()).max().orElseThrow());
    String top = ladder.mostAccurate().id();

    PolicyRun.Params p = new PolicyRun.Params(broker.url(), freePort(), CARD, ladder, 16, 2, 320, 2000, 3, 3, 1, -1, 0,
        30_000, new AdaptiveYaml.Battery(0.2, 0.6, 2, 4, 1, 0.3), new double[] {0.5, 1.0}, FLAGS, work, 1);
    RunFigures pinned = PolicyRun.run(p, "it-static", top, line -> { });
    assertThat(pinned.variantShare()).containsOnlyKeys(top);
    assertThat(pinned.windows()).isEqualTo(pinned.agent().windowsIn());
    assertThat(pinned.served()).isEqualTo(pinned.windows());
    assertThat(pinned.agent().windowsOut()).isEqualTo(pinned.served());
    assertThat(pinned.agentCpuSeconds()).isPositive();
    assertThat(pinned.accuracy()).isBetween(0.0, 1.0);
    assertThat(pinned.missRatePerSecond()).isNotEmpty();

    RunFigures adaptive = PolicyRun.run(p, "it-adaptive", null, line -> { });
    assertThat(adaptive.served()).isEqualTo(adaptive.windows());
    assertThat(adaptive.variantShare().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(adaptive.missRateBefore()).isNotNaN();
    assertThat(adaptive.batteryEndPercent()).isLessThan(adaptive.batteryStartPercent());
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
