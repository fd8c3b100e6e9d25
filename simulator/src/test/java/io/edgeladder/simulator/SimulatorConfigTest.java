package io.edgeladder.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

  @Test
  void build_defaults_valid() {
    SimulatorConfig c = SimulatorConfig.builder().machines(List.of("pump-1", "fan-2")).build();
    assertThat(c.topic("fan-2")).isEqualTo("sensors/fan-2/vibration");
    assertThat(c.framesPerMessage()).isEqualTo(256);
    assertThat(c.sampleRateHz()).isEqualTo(10_000);
  }

  @Test
  void build_severalProblems_allReportedTogether() {
    assertThatThrownBy(() -> SimulatorConfig.builder()
            .machines(List.of("bad/id")).framesPerMessage(0).qos(3).rateMultiplier(-1)
            .topicTemplate("sensors/x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("machine id must not contain")
        .hasMessageContaining("framesPerMessage must be > 0 but was 0")
        .hasMessageContaining("qos must be 0, 1 or 2 but was 3")
        .hasMessageContaining("rateMultiplier must be > 0 but was -1.0")
        .hasMessageContaining("topicTemplate must contain {machine}");
  }
}
