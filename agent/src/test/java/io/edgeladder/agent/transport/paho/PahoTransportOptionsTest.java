package io.edgeladder.agent.transport.paho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PahoTransportOptionsTest {

  @Test
  void of_validValues_usesDefaults() {
    PahoTransportOptions options = PahoTransportOptions.of("tcp://127.0.0.1:1883", "gw-01", "gw-01");
    assertThat(options.keepAlive()).isEqualTo(PahoTransportOptions.DEFAULT_KEEP_ALIVE);
    assertThat(options.username()).isNull();
  }

  @Test
  void constructor_severalProblems_reportsThemAllTogether() {
    assertThatThrownBy(() -> new PahoTransportOptions("http://x", "", "a/b", null, "secret",
            Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(5), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transport.brokerUrl must start with tcp://, mqtt://, ssl:// or mqtts:// but was 'http://x'")
        .hasMessageContaining("transport.clientId must have 1 to 65535 characters but was ''")
        .hasMessageContaining("transport.agentId must not contain '/', '+', '#' or NUL but was 'a/b'")
        .hasMessageContaining("transport.password needs a transport.username")
        .hasMessageContaining("transport.keepAlive must be between 1 s and 65535 s but was PT0S");
  }

  @Test
  void toString_withPassword_masksIt() {
    PahoTransportOptions options = PahoTransportOptions.of("tcp://h:1883", "c", "a")
        .withCredentials("user", "hunter2");
    assertThat(options.toString()).contains("username=user").contains("password=***")
        .doesNotContain("hunter2");
  }
}
