package io.edgeladder.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.config.ConfigLoader;
import io.edgeladder.agent.transport.paho.PahoTransport;
import io.edgeladder.agent.transport.paho.PahoTransportOptions;
import io.edgeladder.broker.DeployedMosquitto;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.net.TlsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole agent, configured by YAML ({@code broker.tls}, {@code broker.passwordFile}), against Mosquitto
 * running {@code deploy/mosquitto}: it connects over TLS with a password and over mutual TLS, and the
 * fleet sees its retained online status and birth, which the ACL lets only that agent write.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecureAgentIT {
  private static final String AGENT = "gw-tls";

  @TempDir
  static Path work;

  private static DeployedMosquitto broker;
  private Agent agent;
  private PahoTransport watcher;

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

  @AfterEach
  void stop() {
    if (agent != null) agent.close();
    if (watcher != null) watcher.close();
  }

  @Test
  void agent_tlsWithPasswordFile_connectsAndPublishesItsStatus() throws Exception {
    Path passwordFile = work.resolve("gw-tls.password");
    Files.writeString(passwordFile, broker.password(AGENT) + "\n");
    String security = "  username: " + AGENT + "\n"
        + "  passwordFile: " + passwordFile + "\n"
        + "  tls:\n"
        + "    caFile: " + broker.caFile() + "\n";
    runAgent(broker.passwordUrl(), security);
  }

  @Test
  void agent_mutualTls_connectsAndPublishesItsStatus() throws Exception {
    String security = "  tls:\n"
        + "    caFile: " + broker.caFile() + "\n"
        + "    certFile: " + broker.certFile(AGENT) + "\n"
        + "    keyFile: " + broker.keyFile(AGENT) + "\n";
    runAgent(broker.mutualUrl(), security);
  }

  private void runAgent(String url, String security) throws Exception {
    Map<String, String> seen = new ConcurrentHashMap<>();
    watcher = PahoTransport.create(PahoTransportOptions.of(broker.passwordUrl(), "watcher", DeployedMosquitto.CONTROLLER)
        .withCredentials(DeployedMosquitto.CONTROLLER, broker.password(DeployedMosquitto.CONTROLLER))
        .withTls(TlsSettings.of(broker.caFile())), new SimpleMeterRegistry());
    watcher.connect().get(10, TimeUnit.SECONDS);
    watcher.subscribe("fleet/" + AGENT + "/+", 1,
        (topic, payload) -> seen.put(topic, new String(payload, StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);

    String yaml = E2e.yaml(AGENT, url, 1, 16, E2e.Pipe.of("tls-raw", "raw-f32le", 1000))
        .replace("  resultQos: 1\n", "  resultQos: 1\n" + security);
    AgentConfig config = ConfigLoader.parse(yaml, E2e.MODEL_DIR, Map.of());
    assertThat(config.broker().toString()).doesNotContain(broker.password(AGENT));
    agent = E2e.start(config);
    assertThat(agent.ready()).isTrue();
    E2e.await("online status and birth of " + AGENT, Duration.ofSeconds(10),
        () -> seen.getOrDefault(Topics.status(AGENT), "").contains("online") && seen.containsKey(Topics.birth(AGENT)));
    // Everything the agent published so far stayed inside its ACL.
    assertThat(E2e.metrics(agent).sum("edge_transport_publish_failed_total", "reason", "not_authorized")).isZero();
  }
}
