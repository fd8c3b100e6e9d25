package io.edgeladder.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.distribution.Ladders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerConfigLoaderTest {
  @TempDir
  Path tmp;

  @Test
  void load_committedExample_asIs() throws Exception {
    ControllerConfig c = ControllerConfigLoader.load(Ladders.ROOT.resolve("configs/controller.yaml"), Map.of());
    assertThat(c.broker().brokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
    assertThat(c.broker().clientId()).isEqualTo("controller-1");
    assertThat(c.broker().statusTopic()).isEqualTo("controller/controller-1/status");
    assertThat(c.dataDir()).isEqualTo(ControllerConfigLoader.DEFAULT_DATA_DIR);
    assertThat(c.database().embeddedH2()).isTrue();
    assertThat(c.privateKey()).isEqualTo(c.dataDir().resolve("keys/controller.key"));
    assertThat(c.generateKeys()).isTrue();
    assertThat(c.fleet().offlineAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.distribution().chunkSize()).isEqualTo(262_144);
  }

  @Test
  void parse_relativePathsAgainstFolder_envOverrides() throws Exception {
    String yaml = "dataDir: data\nbroker:\n  url: tcp://fleet:1883\n  password: from-file\n";
    ControllerConfig c = ControllerConfigLoader.parse(yaml, tmp, Map.of(
        "EDGELADDER_BROKER_PASSWORD", "s3cret",
        "EDGELADDER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/edgeladder",
        "EDGELADDER_FLEET_OFFLINE_AFTER_SECONDS", "90"), "test");
    assertThat(c.dataDir()).isEqualTo(tmp.resolve("data"));
    assertThat(c.broker().password()).isEqualTo("s3cret");
    assertThat(c.broker().toString()).doesNotContain("s3cret");
    assertThat(c.database().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/edgeladder");
    assertThat(c.fleet().offlineAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void parse_everyProblemReportedTogether() {
    String yaml = String.join("\n",
        "brokr: {}",
        "broker:",
        "  url: http://fleet",
        "  keepAliveSeconds: lots",
        "database:",
        "  url: jdbc:mysql://x",
        "keys:",
        "  generateIfMissing: false",
        "fleet:",
        "  ingestLanes: 0",
        "distribution:",
        "  chunkSize: 99999999999",
        "");
    assertThatThrownBy(() -> ControllerConfigLoader.parse(yaml, tmp, Map.of(), "controller.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(8).anySatisfy(
            p -> assertThat(p).startsWith("unknown key 'brokr'")))
        .hasMessageContaining("broker.url must start with tcp://, mqtt://, ssl:// or mqtts:// but was http://fleet")
        .hasMessageContaining("broker.keepAliveSeconds must be a whole number but was 'lots'")
        .hasMessageContaining("database url must start with jdbc:h2: or jdbc:postgresql:")
        .hasMessageContaining("keys.private: " + ControllerConfigLoader.DEFAULT_DATA_DIR) // absent, generation off
        .hasMessageContaining("fleet.ingestLanes must be in [1, 64] but was 0")
        .hasMessageContaining("distribution.chunkSize must be in [1, 16777216]");
  }

  @Test
  void parse_oneKeyFileWithoutTheOther_problem() throws Exception {
    Path keys = Files.createDirectories(tmp.resolve("k"));
    Files.writeString(keys.resolve("c.pub"), "x");
    assertThatThrownBy(() -> ControllerConfigLoader.parse("keys:\n  private: k/c.key\n  public: k/c.pub\n", tmp,
        Map.of(), "controller.yaml")).hasMessageContaining("only one of");
  }
}
