package io.edgeladder.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.edgeladder.protocol.dist.KeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlConfigTest {
  @TempDir Path dir;

  @BeforeEach
  void card() {
    ConfigFixture.writeCard(dir);
  }

  @Test
  void parse_noControlSection_defaults() throws Exception {
    AgentConfig.Control c = ConfigLoader.parse(ConfigFixture.VALID, dir, Map.of()).control();

    assertThat(c).isEqualTo(AgentConfig.Control.ofDefaults());
    assertThat(c.enabled()).isTrue();
    assertThat(c.heartbeatMillis()).isEqualTo(5000);
    assertThat(c.publicKey()).isNull();
    assertThat(c.cacheMaxBytes()).isEqualTo(256L << 20);
  }

  @Test
  void parse_fullSection_bindsResolvesPathsAndReadsKey() throws Exception {
    KeyFiles.write(KeyFiles.generate(), dir.resolve("controller.key"), dir.resolve("controller.pub"));
    String yaml = ConfigFixture.VALID + """
        control:
          heartbeatMs: 2000
          publicKey: controller.pub
          cacheMaxBytes: 6000000000
          stateDir: state
          labels: [site=plant-3, "line = 2"]
          chunkRetryMs: 250
          applyTimeoutMs: 9000
        """;
    AgentConfig.Control c = ConfigLoader.parse(yaml, dir, Map.of("EDGELADDER_CONTROL_HEARTBEAT_MS", "1500"))
        .control();

    assertThat(c.heartbeatMillis()).isEqualTo(1500);
    assertThat(c.publicKey()).isEqualTo(dir.resolve("controller.pub").toAbsolutePath());
    assertThat(c.cacheMaxBytes()).isEqualTo(6_000_000_000L);
    assertThat(c.stateDir()).isEqualTo(dir.resolve("state").toAbsolutePath());
    assertThat(c.labels()).isEqualTo(Map.of("site", "plant-3", "line", "2"));
    assertThat(c.chunkRetryMillis()).isEqualTo(250);
    assertThat(c.applyTimeoutMillis()).isEqualTo(9000);
  }

  @Test
  void parse_badControlValues_allReportedTogether() throws Exception {
    Files.writeString(dir.resolve("not-a-key.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    String yaml = ConfigFixture.VALID + """
        control:
          heartbeatMs: 0
          publicKey: not-a-key.pem
          cacheMaxBytes: 0
          labels: [site, site=a, site=b]
          applyTimeout: 3
        """;
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, dir, Map.of()));

    assertThat(e.problems()).hasSize(6);
    assertThat(e.problems()).contains(
        "unknown key 'applyTimeout' in control (did you mean 'applyTimeoutMs'?)",
        "control.heartbeatMs must be >= 1 but was 0",
        "control.cacheMaxBytes must be an integer >= 1 but was 0",
        "control.labels[0] must be key=value but was 'site'",
        "control.labels[2] repeats label key 'site'");
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("control.publicKey cannot be used:")
        .contains("not-a-key.pem"));
  }

  @Test
  void parse_missingKeyFile_reportedWithPath() {
    String yaml = ConfigFixture.VALID + "control: {publicKey: keys/none.pub}\n";
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, dir, Map.of()));

    assertThat(e.problems()).singleElement().asString().startsWith("control.publicKey cannot be used:")
        .contains("none.pub");
  }
}
