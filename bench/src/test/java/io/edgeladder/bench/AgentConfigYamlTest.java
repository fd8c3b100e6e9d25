package io.edgeladder.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigYamlTest {
  private static final Path CARD = Path.of("../models/fixtures/tiny-conv.model-card.json").toAbsolutePath();

  private static AgentConfigYaml config(int windowSize, int hop) {
    return new AgentConfigYaml("bench", "p1", "bench/sensor", "tcp://127.0.0.1:1883", 9999, CARD,
        List.of("x", "y", "z"), 1024, windowSize, hop, 50, 64);
  }

  @Test
  void messageClosing_windowOfTwoHops_windowKClosedByMessageKPlusOne() {
    AgentConfigYaml c = config(1024, 512);
    assertThat(c.messageClosing(0)).isEqualTo(1);
    assertThat(c.messageClosing(41)).isEqualTo(42);
    assertThat(config(1024, 256).messageClosing(0)).isEqualTo(3);
  }

  @Test
  void constructor_windowNotWholeHops_rejected() {
    assertThatThrownBy(() -> config(1024, 300)).hasMessageContaining("windowSize=1024 hop=300");
  }

  @Test
  void write_generatedYaml_loadsWithTheAgentsOwnLoader(@TempDir Path dir) throws Exception {
    Path file = config(1024, 512).write(dir.resolve("agent.yaml"));
    AgentConfig loaded = ConfigLoader.load(file, Map.of());
    assertThat(loaded.agentId()).isEqualTo("bench");
    assertThat(loaded.http().port()).isEqualTo(9999);
    assertThat(loaded.inference().workers()).isEqualTo(1);
    AgentConfig.Pipeline p = loaded.pipelines().get(0);
    assertThat(p.hop()).isEqualTo(512);
    assertThat(p.windowSize()).isEqualTo(1024);
    assertThat(p.deadlineMillis()).isEqualTo(50);
    assertThat(Files.readString(file)).contains("resultQos: 0");
  }
}
