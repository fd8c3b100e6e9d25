package io.edgeladder.bench.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptiveYamlTest {
  private static final Path CARD = Path.of("../models/vibration-cnn/model-card.json").toAbsolutePath().normalize();
  private static final Path LADDER = Path.of("../configs/ladder/ladder.json").toAbsolutePath().normalize();

  @Test
  void write_pinnedWithBattery_loadsWithTheAgentsOwnLoader(@TempDir Path dir) throws Exception {
    AdaptiveYaml y = new AdaptiveYaml("bench-x", "tcp://127.0.0.1:1883", 9999, CARD, LADDER, 64, 10, 256, 2,
        new AdaptiveYaml.Adaptive(true, 1000, 30_000, 0, "qat"),
        new AdaptiveYaml.Battery(0.4, 0.65, 2, 4, 1.5, 0.6), dir.resolve("state"));
    AgentConfig c = ConfigLoader.load(y.write(dir.resolve("a.yaml")), Map.of());
    AgentConfig.Pipeline p = c.pipelines().get(0);
    assertThat(p.hop()).isEqualTo(64);
    assertThat(p.deadlineMillis()).isEqualTo(10);
    assertThat(p.ladder()).isEqualTo(LADDER);
    assertThat(c.inference().workers()).isEqualTo(2);
    assertThat(c.inference().queueCapacity()).isEqualTo(256);
    assertThat(c.adaptive().pinned()).isEqualTo("qat");
    assertThat(c.adaptive().probationMillis()).isZero();
    assertThat(c.adaptive().energyBudgetWatts()).isEqualTo(1.5);
    assertThat(c.adaptive().energyFloor()).isEqualTo(0.6);
    assertThat(c.monitor().power().source()).isEqualTo("simulated");
    assertThat(c.monitor().power().batteryWh()).isEqualTo(0.4);
    assertThat(c.monitor().power().wattsPerCore()).isEqualTo(4.0);
    assertThat(y.resultTopic()).isEqualTo("inference/bench-x/p1");
    assertThat(y.eventsTopic()).isEqualTo("fleet/bench-x/events");
  }

  @Test
  void write_forcedSwapsOnly_policyPeriodOfADayAndLinuxPower(@TempDir Path dir) throws Exception {
    AdaptiveYaml y = new AdaptiveYaml("bench-y", "tcp://127.0.0.1:1883", 9998, CARD, LADDER, 512, 50, 64, 1,
        AdaptiveYaml.Adaptive.forcedSwapsOnly(), null, dir.resolve("state"));
    AgentConfig c = ConfigLoader.load(y.write(dir.resolve("a.yaml")), Map.of());
    assertThat(c.adaptive().enabled()).isTrue();
    assertThat(c.adaptive().periodMillis()).isEqualTo(86_400_000);
    assertThat(c.adaptive().pinned()).isNull();
    assertThat(c.monitor().power().source()).isEqualTo("linux");
  }
}
