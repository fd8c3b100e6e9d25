package io.edgeladder.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolConfigTest {
  @TempDir Path dir;

  @BeforeEach
  void card() {
    ConfigFixture.writeCard(dir);
  }

  @Test
  void parse_noSpoolSection_spoolOffPersistentSessionResultsQos1() throws Exception {
    String yaml = ConfigFixture.VALID.replace("  resultQos: 0\n", "");
    AgentConfig c = ConfigLoader.parse(yaml, dir, Map.of());

    assertThat(c.spool().enabled()).isFalse();
    assertThat(c.spool()).isEqualTo(AgentConfig.Spool.off());
    assertThat(c.broker().resultQos()).isEqualTo(1);
    assertThat(c.broker().sessionExpirySeconds()).isEqualTo(3600);
  }

  @Test
  void parse_fullSection_bindsAndResolvesDir() throws Exception {
    String yaml = ConfigFixture.VALID.replace("  resultQos: 0\n", "  resultQos: 0\n  sessionExpirySeconds: 0\n") + """
        spool:
          dir: state/spool
          maxBytes: 1048576
          fsync: always
          fsyncIntervalMs: 50
          minQos: 0
        """;
    AgentConfig c = ConfigLoader.parse(yaml, dir, Map.of("EDGELADDER_SPOOL_FSYNC", "never"));

    assertThat(c.spool()).isEqualTo(new AgentConfig.Spool(
        dir.resolve("state/spool").toAbsolutePath().normalize(), 1 << 20, "never", 50, 0));
    assertThat(c.broker().resultQos()).isZero();
    assertThat(c.broker().sessionExpirySeconds()).isZero();
  }

  @Test
  void parse_badValues_reportsEveryProblemWithItsPath() {
    String yaml = ConfigFixture.VALID.replace("  resultQos: 0\n", "  resultQos: 0\n  sessionExpirySeconds: -5\n") + """
        spool:
          dir: s
          maxBytes: 1000
          fsync: sometimes
          fsyncIntervalMs: 0
          minQos: 3
          sizeMb: 4
        """;
    ConfigException e = catchThrowableOfType(() -> ConfigLoader.parse(yaml, dir, Map.of()), ConfigException.class);

    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("broker.sessionExpirySeconds must be an integer between 0"))
        .anySatisfy(p -> assertThat(p).startsWith("spool.maxBytes must be an integer >= 65536 but was 1000"))
        .anySatisfy(p -> assertThat(p).contains("spool.fsync").contains("sometimes"))
        .anySatisfy(p -> assertThat(p).contains("spool.fsyncIntervalMs"))
        .anySatisfy(p -> assertThat(p).contains("spool.minQos"))
        .anySatisfy(p -> assertThat(p).contains("sizeMb"));
  }
}
