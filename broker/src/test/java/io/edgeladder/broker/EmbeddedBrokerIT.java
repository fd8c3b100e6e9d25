package io.edgeladder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedBrokerIT {

  @Test
  void start_anyFreePort_routesPublishToSubscriber() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
        MqttProbe sub = new MqttProbe(broker.url(), "sub");
        MqttProbe pub = new MqttProbe(broker.url(), "pub")) {
      assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
      assertThat(broker.portWasTaken()).isFalse();
      sub.subscribe("a/#", 1);
      pub.client.publish("a/b", "hello".getBytes(StandardCharsets.UTF_8), 1, false)
          .waitForCompletion(5_000);
      assertThat(sub.received.poll(5, TimeUnit.SECONDS)).isEqualTo("a/b hello");
    }
  }

  @Test
  void start_portTaken_picksFreePortAndSaysSo() throws Exception {
    try (ServerSocket occupant = new ServerSocket()) {
      occupant.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int takenPort = occupant.getLocalPort();
      try (EmbeddedBroker broker =
          EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort().withPort(takenPort))) {
        assertThat(broker.portWasTaken()).isTrue();
        assertThat(broker.port()).isNotEqualTo(takenPort);
        assertThat(Ports.accepts("127.0.0.1", broker.port())).isTrue();
      }
    }
  }

  @Test
  void burstOfQos1Publishes_500InFlight_noneRejectedByReceiveMaximum() throws Exception {
    // HiveMQ's default server-receive-maximum (10) makes Paho reject the 11th unacknowledged publish.
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
        MqttProbe sub = new MqttProbe(broker.url(), "sub");
        MqttProbe pub = new MqttProbe(broker.url(), "pub")) {
      sub.subscribe("burst", 1);
      List<IMqttToken> tokens = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        tokens.add(pub.client.publish("burst", new byte[] {(byte) i}, 1, false));
      }
      for (IMqttToken token : tokens) {
        token.waitForCompletion(10_000);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sub.received.size() < 500 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(sub.received).hasSize(500);
    }
  }

  @Test
  void restart_samePort_acceptsClientsAgainAndForgetsRetained() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort())) {
      try (MqttProbe pub = new MqttProbe(broker.url(), "pub")) {
        pub.client.publish("r", "x".getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(5_000);
      }
      int port = broker.port();
      broker.restart();
      assertThat(broker.port()).isEqualTo(port);
      try (MqttProbe sub = new MqttProbe(broker.url(), "sub")) {
        sub.subscribe("r", 1);
        assertThat(sub.received.poll(500, TimeUnit.MILLISECONDS)).isNull();
      }
    }
  }

  @Test
  void restart_filePersistence_keepsRetainedMessages(@TempDir Path data) throws Exception {
    try (EmbeddedBroker broker =
        EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort().withFilePersistence(data))) {
      try (MqttProbe pub = new MqttProbe(broker.url(), "pub")) {
        pub.client.publish("r", "kept".getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(5_000);
      }
      broker.restart();
      try (MqttProbe sub = new MqttProbe(broker.url(), "sub")) {
        sub.subscribe("r", 1);
        assertThat(sub.received.poll(5, TimeUnit.SECONDS)).isEqualTo("r kept");
      }
    }
    assertThat(Files.list(data)).isNotEmpty();
  }

  @Test
  void close_running_freesPortThenDeletesTemporaryFolders() throws InterruptedException {
    EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
    Path root = broker.tempRoot();
    assertThat(root.resolve("conf/config.xml")).exists();
    broker.close();
    assertThat(Ports.isFree("127.0.0.1", broker.port())).isTrue();
    assertThat(root).doesNotExist();
    // HiveMQ finishes its shutdown in the background (~4 s); it must not bring the folders back.
    Thread.sleep(5_000);
    assertThat(root).doesNotExist();
  }

  @Test
  void options_badPort_namesTheValue() {
    assertThatThrownBy(() -> EmbeddedBroker.Options.ofDefaults().withPort(70000))
        .hasMessage("broker.port must be in 0..65535 but was 70000");
  }
}
