package io.edgeladder.deploy.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeladder.broker.DeployedMosquitto;
import io.edgeladder.broker.MosquittoProcess;
import io.edgeladder.protocol.FleetTopic;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.net.TlsSettings;
import io.edgeladder.protocol.net.TlsSocketFactories;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/mosquitto/gateway.conf} bridging a real gateway Mosquitto to a real fleet Mosquitto running
 * {@code fleet.conf} and its {@code acl} (certificates from {@code gen-certs.sh}, TLS + password listener): the
 * bridge logs in as agent gw-01. Results and status of gw-01 go up; desired state and release manifests the
 * controller publishes come down; topics of another agent (gw-02) go neither up nor down, and desired state
 * published on the gateway does not go up. "Not delivered" is checked against a marker sent after it on the
 * same path: MQTT keeps the order, so what has not arrived before the marker was dropped.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayBridgeIT {
  private static final String GW = "gw-01";
  private static final String OTHER = "gw-02";
  private static final String SHA = "cd".repeat(32);
  private static final long WAIT_S = 15;

  @TempDir
  static Path work;

  private static DeployedMosquitto fleet;
  private static MosquittoProcess gateway;
  private static MqttClient controller;
  private static MqttClient local;

  @BeforeAll
  static void startBrokers() throws Exception {
    assumeTrue(DeployedMosquitto.available(), "needs mosquitto, mosquitto_passwd, openssl and bash");
    Path deploy = Path.of("..", "mosquitto").toAbsolutePath().normalize();
    fleet = DeployedMosquitto.start(deploy, work.resolve("fleet"), List.of(GW, OTHER));
    int localPort = freePort();
    Path conf = work.resolve("gateway.conf");
    Files.writeString(conf, GatewayConf.template(Files.readString(deploy.resolve("gateway.conf"), StandardCharsets.UTF_8),
        localPort, "localhost:" + fleet.passwordPort(), fleet.caFile().toString(), fleet.password(GW)));
    gateway = MosquittoProcess.startWithConfig(conf, List.of(localPort));
    controller = MqttClient.tls(fleet.passwordUrl(), DeployedMosquitto.CONTROLLER,
        fleet.password(DeployedMosquitto.CONTROLLER), TlsSocketFactories.create(TlsSettings.of(fleet.caFile()), "test"));
    controller.subscribe("inference/#");
    controller.subscribe("fleet/#");
    local = MqttClient.plain(gateway.url(), "gateway-local");
    local.subscribe(Topics.all(FleetTopic.Kind.DESIRED));
    local.subscribe("models/#");
    awaitBridge();
  }

  /** The bridge connects in the background: publish until the first result comes through. */
  private static void awaitBridge() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
    for (int i = 0; ; i++) {
      String payload = "warm-up-" + i;
      local.publish(Topics.inference(GW, "warm-up"), payload, false);
      try {
        controller.awaitMessage(Topics.inference(GW, "warm-up") + " " + payload, 1);
        return;
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the bridge never forwarded a result: " + gateway.logText(), notYet);
        }
      }
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (local != null) local.close();
    if (controller != null) controller.close();
    if (gateway != null) gateway.close();
    if (fleet != null) fleet.close();
  }

  @Test
  void resultOnTheGateway_arrivesAtTheFleet() throws Exception {
    local.publish(Topics.inference(GW, "pump-1"), "{\"seq\":1}", false);
    assertThat(controller.awaitMessage(Topics.inference(GW, "pump-1") + " {\"seq\":1}", WAIT_S)).isNotEmpty();
  }

  @Test
  void statusOnTheGateway_goesUp() throws Exception {
    local.publish(Topics.status(GW), "online", true);
    controller.awaitMessage(Topics.status(GW) + " online", WAIT_S);
  }

  @Test
  void desiredStateAndManifestFromTheController_comeDown() throws Exception {
    controller.publish(Topics.desired(GW), "desired-v7", false);
    local.awaitMessage(Topics.desired(GW) + " desired-v7", WAIT_S);
    controller.publish(Topics.releaseManifest(SHA), "manifest-1", false);
    local.awaitMessage(Topics.releaseManifest(SHA) + " manifest-1", WAIT_S);
  }

  @Test
  void anotherAgentsResult_isNotAcceptedUp() throws Exception {
    local.publish(Topics.inference(OTHER, "pump-1"), "spoofed", false);
    local.publish(Topics.inference(GW, "pump-1"), "marker-up", false);
    List<String> seen = controller.awaitMessage(Topics.inference(GW, "pump-1") + " marker-up", WAIT_S);
    assertThat(seen).noneMatch(m -> m.startsWith(Topics.inference(OTHER, "pump-1")));
    assertThat(fleet.process().logText()).contains("Denied PUBLISH from " + GW + "-bridge")
        .contains("'" + Topics.inference(OTHER, "pump-1") + "'");
  }

  @Test
  void desiredStatePublishedOnTheGateway_doesNotGoUp() throws Exception {
    local.publish(Topics.desired(GW), "forged", false);
    local.publish(Topics.inference(GW, "pump-1"), "marker-forged", false);
    List<String> seen = controller.awaitMessage(Topics.inference(GW, "pump-1") + " marker-forged", WAIT_S);
    assertThat(seen).noneMatch(m -> m.startsWith(Topics.desired(GW) + " forged"));
  }

  @Test
  void anotherAgentsDesiredState_doesNotComeDown() throws Exception {
    controller.publish(Topics.desired(OTHER), "not-for-gw-01", false);
    controller.publish(Topics.desired(GW), "marker-down", false);
    List<String> seen = local.awaitMessage(Topics.desired(GW) + " marker-down", WAIT_S);
    assertThat(seen).noneMatch(m -> m.startsWith(Topics.desired(OTHER)));
  }
}
