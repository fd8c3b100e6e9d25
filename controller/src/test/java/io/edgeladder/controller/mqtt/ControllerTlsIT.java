package io.edgeladder.controller.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeladder.agent.transport.paho.PahoTransport;
import io.edgeladder.agent.transport.paho.PahoTransportOptions;
import io.edgeladder.broker.DeployedMosquitto;
import io.edgeladder.controller.app.Controller;
import io.edgeladder.controller.app.ControllerConfig;
import io.edgeladder.controller.app.ControllerConfigLoader;
import io.edgeladder.controller.fleet.FleetFixtures;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.net.TlsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller against Mosquitto running {@code deploy/mosquitto} (TLS listeners, ACL): over mutual TLS it
 * writes desired state, manifests and chunks, which the agent's ACL lets only it do and which the agent
 * receives; with a foreign CA it never connects; and the whole controller, configured by YAML with
 * {@code broker.tls} and {@code broker.passwordFile}, starts over TLS and registers an agent whose birth
 * the ACL let through.
 */
@Timeout(120)
class ControllerTlsIT {
  private static final String AGENT = "gw-ctl";
  private static final String SHA = "cd".repeat(32);

  @TempDir
  static Path work;

  private static DeployedMosquitto broker;

  @BeforeAll
  static void startBroker() {
    assumeTrue(DeployedMosquitto.available(), "needs mosquitto, mosquitto_passwd, openssl and bash");
    broker = DeployedMosquitto.start(Path.of("..", "deploy", "mosquitto").toAbsolutePath().normalize(), work,
        List.of(AGENT));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) broker.close();
  }

  private static PahoTransport agent() throws Exception {
    PahoTransport t = PahoTransport.create(PahoTransportOptions.of(broker.passwordUrl(), AGENT, AGENT)
        .withCredentials(AGENT, broker.password(AGENT)).withTls(TlsSettings.of(broker.caFile())),
        new SimpleMeterRegistry());
    t.connect().get(10, TimeUnit.SECONDS);
    return t;
  }

  @Test
  void mutualTls_controllerWritesDesiredManifestAndChunk_agentReceivesThem() throws Exception {
    String c = DeployedMosquitto.CONTROLLER;
    MqttSettings settings = MqttSettings.of(broker.mutualUrl(), "ctl-mtls")
        .withTls(TlsSettings.of(broker.caFile()).withClientCertificate(broker.certFile(c), broker.keyFile(c)));
    try (ControllerMqtt mqtt = ControllerMqtt.create(settings, new SimpleMeterRegistry());
        PahoTransport agent = agent()) {
      mqtt.connect().get(10, TimeUnit.SECONDS);
      List<String> received = new CopyOnWriteArrayList<>();
      for (String filter : List.of(Topics.desired(AGENT), Topics.releaseManifest(SHA), Topics.artifactChunks(SHA))) {
        agent.subscribe(filter, 1, (topic, payload) -> received.add(topic)).get(10, TimeUnit.SECONDS);
      }
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      mqtt.publish(Topics.desired(AGENT), body, 1, false).get(10, TimeUnit.SECONDS);
      mqtt.publish(Topics.releaseManifest(SHA), body, 1, false).get(10, TimeUnit.SECONDS);
      mqtt.publish(Topics.artifactChunk(SHA, 0), body, 1, false).get(10, TimeUnit.SECONDS);
      Await.until(() -> received.size() >= 3, Duration.ofSeconds(10), "the agent received all three");
      assertThat(received).containsExactly(Topics.desired(AGENT), Topics.releaseManifest(SHA),
          Topics.artifactChunk(SHA, 0));
      // What the ACL keeps from the controller: agents' own topics.
      assertThatThrownBy(() -> mqtt.publish(Topics.inference(AGENT, "p"), body, 1, false).get(10, TimeUnit.SECONDS))
          .hasMessageContaining("reason code 0x87");
    }
  }

  @Test
  void foreignCa_neverConnects() {
    MqttSettings settings = MqttSettings.of(broker.passwordUrl(), "ctl-rogue")
        .withCredentials(DeployedMosquitto.CONTROLLER, broker.password(DeployedMosquitto.CONTROLLER))
        .withTls(TlsSettings.of(broker.rogueCaFile()));
    try (ControllerMqtt mqtt = ControllerMqtt.create(settings, new SimpleMeterRegistry())) {
      assertThatThrownBy(() -> mqtt.connect().get(3, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
      assertThat(mqtt.isConnected()).isFalse();
    }
  }

  @Test
  void controllerFromYaml_tlsAndPasswordFile_startsAndRegistersAnAgent() throws Exception {
    Path data = work.resolve("controller-data");
    Path passwordFile = work.resolve("controller.password");
    Files.writeString(passwordFile, broker.password(DeployedMosquitto.CONTROLLER) + "\n");
    String yaml = "controller: {id: ctl-yaml}\n"
        + "broker:\n"
        + "  url: '" + broker.passwordUrl().replace("ssl://", "mqtts://") + "'\n"
        + "  username: " + DeployedMosquitto.CONTROLLER + "\n"
        + "  passwordFile: '" + passwordFile + "'\n"
        + "  tls: {caFile: '" + broker.caFile() + "'}\n"
        + "dataDir: '" + data + "'\n"
        + "http: {host: 127.0.0.1, port: -1}\n";
    ControllerConfig config = ControllerConfigLoader.parse(yaml, work, Map.of(), "test");
    assertThat(config.broker().toString()).doesNotContain(broker.password(DeployedMosquitto.CONTROLLER));
    try (Controller controller = Controller.start(config, new SimpleMeterRegistry(), Clock.systemUTC(),
        Duration.ofSeconds(20)); PahoTransport agent = agent()) {
      byte[] birth = FleetFixtures.birth(AGENT, "inc-1", Map.of("site", "tls")).toJson();
      agent.publish(Topics.birth(AGENT), birth, birth.length, 1, true).get(10, TimeUnit.SECONDS);
      Await.until(() -> controller.store().agents().find(AGENT).isPresent(), Duration.ofSeconds(10),
          "the controller registered " + AGENT + " over TLS");
    }
  }
}
