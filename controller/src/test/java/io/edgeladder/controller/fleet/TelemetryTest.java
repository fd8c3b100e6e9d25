package io.edgeladder.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TelemetryTest {
  private static Telemetry parse(String json) {
    return Telemetry.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_agentMessage_readsCpuBatteryPowerEnergy() {
    Telemetry t = parse("{\"agent\":\"gw-1\",\"time\":1795478405000,\"cpu\":{\"systemPercent\":37.5,"
        + "\"processPercent\":12.0,\"perCorePercent\":[30,45],\"load1\":0.5,\"intervalMs\":5000},"
        + "\"memory\":{\"totalBytes\":1024},\"power\":{\"source\":\"sim\",\"batteryPercent\":81.0,\"status\":"
        + "\"DISCHARGING\",\"watts\":4.2,\"energyJoules\":120.0,\"harvestWatts\":null},\"probeProblems\":0}");

    assertThat(t).isEqualTo(new Telemetry("gw-1", Instant.ofEpochMilli(1795478405000L), 37.5, 81.0, 4.2, 120.0));
  }

  @Test
  void parse_noPowerSectionAndNullCpu_figuresNull() {
    Telemetry t = parse("{\"agent\":\"gw-1\",\"time\":5,\"cpu\":{\"systemPercent\":null},"
        + "\"absent\":{\"power\":\"no battery\"}}");

    assertThat(t.cpuPercent()).isNull();
    assertThat(t.batteryPercent()).isNull();
    assertThat(t.energyJoules()).isNull();
  }

  @Test
  void parse_badInput_namesTheField() {
    assertThatThrownBy(() -> parse("{\"time\":5}")).hasMessageContaining("telemetry agent");
    assertThatThrownBy(() -> parse("{\"agent\":\"gw-1\",\"time\":\"noon\"}")).hasMessageContaining("telemetry time");
    assertThatThrownBy(() -> parse("{\"agent\":\"gw-1\",\"time\":5,\"power\":{\"batteryPercent\":\"full\"}}"))
        .hasMessageContaining("batteryPercent must be a number");
    assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> parse("{")).hasMessageContaining("not JSON");
  }
}
