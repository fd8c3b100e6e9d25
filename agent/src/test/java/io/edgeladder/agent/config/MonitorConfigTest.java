package io.edgeladder.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorConfigTest {
  @TempDir Path dir;

  @BeforeEach
  void card() {
    ConfigFixture.writeCard(dir);
  }

  @Test
  void parse_noMonitorSection_defaults() throws Exception {
    AgentConfig.Monitor m = ConfigLoader.parse(ConfigFixture.VALID, dir, Map.of()).monitor();

    assertThat(m).isEqualTo(AgentConfig.Monitor.ofDefaults());
    assertThat(m.enabled()).isTrue();
    assertThat(m.root()).isEqualTo(Path.of("/"));
    assertThat(m.power().simulated()).isFalse();
  }

  @Test
  void parse_simulatedPowerWithCsvTrace_bindsAndResolvesPaths() throws Exception {
    Files.writeString(dir.resolve("sun.csv"), "t_seconds,harvest_watts\n0,0\n60,5\n");
    String yaml = ConfigFixture.VALID + """
        monitor:
          periodMs: 500
          telemetryPeriodMs: 2000
          root: fixture
          power:
            source: simulated
            batteryWh: 12.5
            initialSoc: 0.4
            idleWatts: 1
            wattsPerCore: 2.25
            harvestTrace: sun.csv
        """;
    AgentConfig.Monitor m = ConfigLoader.parse(yaml, dir, Map.of("EDGELADDER_MONITOR_POWER_IDLE_WATTS", "1.75"))
        .monitor();

    assertThat(m.periodMillis()).isEqualTo(500);
    assertThat(m.telemetryPeriodMillis()).isEqualTo(2000);
    assertThat(m.root()).isEqualTo(dir.resolve("fixture").toAbsolutePath());
    assertThat(m.power().simulated()).isTrue();
    assertThat(m.power().batteryWh()).isEqualTo(12.5);
    assertThat(m.power().initialSoc()).isEqualTo(0.4);
    assertThat(m.power().idleWatts()).isEqualTo(1.75);
    assertThat(m.power().wattsPerCore()).isEqualTo(2.25);
    assertThat(m.power().harvest()).isEqualTo("csv");
    assertThat(m.power().harvestCsv()).isEqualTo(dir.resolve("sun.csv").toAbsolutePath());
  }

  @Test
  void parse_badMonitorValues_allReportedTogether() throws Exception {
    Files.writeString(dir.resolve("bad.csv"), "0,1\n5,cloudy\n");
    String yaml = ConfigFixture.VALID + """
        monitor:
          periodMs: 0
          telemetryPeriodMs: soon
          sampleRate: 3
          power:
            source: solar
            batteryWh: -1
            initialSoc: 1.5
            wattsPerCore: many
            harvestTrace: bad.csv
        """;
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, dir, Map.of()));

    assertThat(e.problems()).containsExactlyInAnyOrder(
        "unknown key 'sampleRate' in monitor",
        "monitor.periodMs must be >= 1 but was 0",
        "monitor.telemetryPeriodMs must be an integer but was 'soon'",
        "monitor.power.source must be one of linux|simulated but was 'solar'",
        "monitor.power.batteryWh must be >= 1.0E-6 but was -1.0",
        "monitor.power.initialSoc must be between 0.0 and 1.0 but was 1.5",
        "monitor.power.wattsPerCore must be a number but was 'many'",
        "monitor.power.harvestTrace cannot be used: " + dir.resolve("bad.csv").toAbsolutePath()
            + " line 2: '5,cloudy' is not t_seconds,harvest_watts");
  }

  @Test
  void parse_missingTraceFile_reported() {
    String yaml = ConfigFixture.VALID + """
        monitor:
          power: {source: simulated, harvestTrace: nowhere.csv}
        """;
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, dir, Map.of()));
    assertThat(e.problems()).singleElement().asString()
        .startsWith("monitor.power.harvestTrace cannot be used:").contains("nowhere.csv");
  }
}
