package io.edgeladder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MosquittoProcessIT {

  @BeforeAll
  static void mosquittoInstalled() {
    assumeTrue(MosquittoProcess.available(), "mosquitto not found: apt-get install -y mosquitto");
  }

  @Test
  void start_freePort_routesPublishToSubscriber() throws Exception {
    try (MosquittoProcess mosquitto = MosquittoProcess.start();
        MqttProbe sub = new MqttProbe(mosquitto.url(), "sub");
        MqttProbe pub = new MqttProbe(mosquitto.url(), "pub")) {
      assertThat(mosquitto.url()).isEqualTo("tcp://127.0.0.1:" + mosquitto.port());
      sub.subscribe("a/+", 1);
      pub.client.publish("a/b", "hi".getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(5_000);
      assertThat(sub.received.poll(5, TimeUnit.SECONDS)).isEqualTo("a/b hi");
    }
  }

  @Test
  void kill_running_dropsPortThenRestartServesSamePort() throws Exception {
    try (MosquittoProcess mosquitto = MosquittoProcess.start()) {
      int port = mosquitto.port();
      mosquitto.kill();
      assertThat(mosquitto.isAlive()).isFalse();
      assertThat(Ports.accepts("127.0.0.1", port)).isFalse();
      mosquitto.restart();
      assertThat(mosquitto.port()).isEqualTo(port);
      assertThat(Ports.accepts("127.0.0.1", port)).isTrue();
    }
  }

  @Test
  void start_badExtraConfig_failsWithMosquittosOwnMessage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MosquittoProcess.start(List.of("no_such_option 1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mosquitto exited")
        .hasMessageContaining("no_such_option");
  }

  @Test
  void close_running_releasesPort() {
    MosquittoProcess mosquitto = MosquittoProcess.start();
    int port = mosquitto.port();
    mosquitto.close();
    assertThat(Ports.accepts("127.0.0.1", port)).isFalse();
  }
}
