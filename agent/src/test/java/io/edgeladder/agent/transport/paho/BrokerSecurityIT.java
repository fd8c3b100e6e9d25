package io.edgeladder.agent.transport.paho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.edgeladder.agent.transport.TransportException;
import io.edgeladder.broker.DeployedMosquitto;
import io.edgeladder.protocol.Topics;
import io.edgeladder.protocol.net.TlsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The agent's transport against a real Mosquitto running {@code deploy/mosquitto/fleet.conf} and its
 * {@code acl} (certificates from {@code gen-certs.sh}): TLS with a password and mutual TLS connect; a wrong
 * CA, a foreign client certificate, no certificate or a wrong password are refused; the ACL answers a
 * publish outside the agent's own topics with PUBACK reason 135, which the transport counts and logs; a
 * denied subscription delivers nothing while the rightful agent receives.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrokerSecurityIT {
  private static final String A = "agent-a";
  private static final String B = "agent-b";
  private static final String SHA = "ab".repeat(32);
  private static final long WAIT_S = 10;

  @TempDir
  static Path work;

  private static DeployedMosquitto broker;
  private final List<PahoTransport> transports = new ArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeAll
  static void startBroker() {
    assumeTrue(DeployedMosquitto.available(), "needs mosquitto, mosquitto_passwd, openssl and bash");
    broker = DeployedMosquitto.start(Path.of("..", "deploy", "mosquitto").toAbsolutePath().normalize(), work,
        List.of(A, B, "sensors"));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) broker.close();
  }

  @AfterEach
  void closeTransports() {
    transports.forEach(PahoTransport::close);
  }

  private PahoTransport passwordClient(String user) {
    return track(PahoTransportOptions.of(broker.passwordUrl(), user, user)
        .withCredentials(user, broker.password(user)).withTls(TlsSettings.of(broker.caFile())));
  }

  private PahoTransport certificateClient(String user) {
    return track(PahoTransportOptions.of(broker.mutualUrl(), user, user)
        .withTls(TlsSettings.of(broker.caFile()).withClientCertificate(broker.certFile(user), broker.keyFile(user))));
  }

  private PahoTransport track(PahoTransportOptions options) {
    PahoTransport t = PahoTransport.create(options.withConnectTimeout(Duration.ofSeconds(5)), meters);
    transports.add(t);
    return t;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void publish(PahoTransport t, String topic) throws Exception {
    t.publish(topic, bytes("{}"), 2, 1, false).get(WAIT_S, TimeUnit.SECONDS);
  }

  private static String refusal(PahoTransport t, String topic) throws Exception {
    try {
      t.publish(topic, bytes("{}"), 2, 1, false).get(WAIT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(TransportException.class);
      return e.getCause().getMessage();
    }
    throw new AssertionError("the broker accepted a publish to " + topic);
  }

  private double notAuthorized(String client) {
    Counter c = meters.find("edge.transport.publish.failed").tag("client", client).tag("reason", "not_authorized")
        .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void tlsWithPassword_agentPublishesItsOwnTopics() throws Exception {
    PahoTransport a = passwordClient(A);
    a.connect().get(WAIT_S, TimeUnit.SECONDS);
    publish(a, Topics.inference(A, "pump-1"));
    publish(a, Topics.heartbeat(A));
    publish(a, Topics.events(A));
    publish(a, Topics.telemetry(A));
    publish(a, Topics.reported(A));
    publish(a, Topics.birth(A));
    assertThat(notAuthorized(A)).isZero();
  }

  @Test
  void mutualTls_certificateCnIsTheUsername() throws Exception {
    PahoTransport a = certificateClient(A);
    a.connect().get(WAIT_S, TimeUnit.SECONDS);
    publish(a, Topics.inference(A, "pump-1"));
    assertThat(refusal(a, Topics.inference(B, "pump-1"))).contains("135");
  }

  @Test
  void wrongCa_handshakeRefused() {
    PahoTransport a = track(PahoTransportOptions.of(broker.passwordUrl(), A, A)
        .withCredentials(A, broker.password(A)).withTls(TlsSettings.of(broker.rogueCaFile())));
    assertThatThrownBy(() -> a.connect().get(WAIT_S, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TransportException.class)
        .hasMessageContaining("cannot connect to " + broker.passwordUrl())
        .hasMessageContaining("trust anchors"); // PKIX: the broker certificate is not from the configured CA
    assertThat(a.isConnected()).isFalse();
  }

  @Test
  void foreignClientCertificate_refusedByTheBroker() {
    PahoTransport a = track(PahoTransportOptions.of(broker.mutualUrl(), A, A).withTls(TlsSettings.of(broker.caFile())
        .withClientCertificate(broker.rogueCertFile(A), broker.rogueKeyFile(A))));
    assertThatThrownBy(() -> a.connect().get(WAIT_S, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TransportException.class)
        .hasMessageContaining("cannot connect to " + broker.mutualUrl());
    assertThat(a.isConnected()).isFalse();
  }

  @Test
  void noClientCertificate_onTheMutualListener_refused() {
    PahoTransport a = track(PahoTransportOptions.of(broker.mutualUrl(), A, A).withTls(TlsSettings.of(broker.caFile())));
    assertThatThrownBy(() -> a.connect().get(WAIT_S, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TransportException.class);
    assertThat(a.isConnected()).isFalse();
  }

  @Test
  void wrongPassword_refused() {
    PahoTransport a = track(PahoTransportOptions.of(broker.passwordUrl(), A, A)
        .withCredentials(A, "not-" + broker.password(A)).withTls(TlsSettings.of(broker.caFile())));
    assertThatThrownBy(() -> a.connect().get(WAIT_S, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TransportException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(broker.password(A)));
    assertThat(a.isConnected()).isFalse();
  }

  @Test
  void publishOutsideOwnTopics_puback135_countedAndLoggedWithoutSecrets() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(PahoTransport.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try {
      PahoTransport a = passwordClient(A);
      a.connect().get(WAIT_S, TimeUnit.SECONDS);
      assertThat(refusal(a, Topics.inference(B, "pump-1")))
          .contains("'inference/agent-b/pump-1'").contains("reason code 135").contains("not authorized");
      assertThat(refusal(a, Topics.desired(B))).contains("reason code 135");
      assertThat(refusal(a, Topics.desired(A))).as("only the controller writes desired state")
          .contains("reason code 135");
      assertThat(refusal(a, Topics.releaseManifest(SHA))).contains("reason code 135");
      assertThat(refusal(a, Topics.artifactChunk(SHA, 0))).contains("reason code 135");
      assertThat(refusal(a, Topics.status(B))).contains("reason code 135");
      assertThat(refusal(a, "sensors/pump-1/vibration")).contains("reason code 135");
      assertThat(notAuthorized(A)).isEqualTo(7);
      publish(a, Topics.inference(A, "pump-1")); // the connection survives refusals
    } finally {
      log.detachAppender(appender);
    }
    List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("reason code 135").contains("inference/agent-b"));
    assertThat(lines).noneSatisfy(l -> assertThat(l).contains(broker.password(A)));
  }

  @Test
  void deniedSubscription_deliversNothing_whileTheRightfulAgentReceives() throws Exception {
    PahoTransport controller = passwordClient(DeployedMosquitto.CONTROLLER);
    PahoTransport a = passwordClient(A);
    PahoTransport b = certificateClient(B);
    for (PahoTransport t : List.of(controller, a, b)) {
      t.connect().get(WAIT_S, TimeUnit.SECONDS);
    }
    List<String> atA = new CopyOnWriteArrayList<>();
    List<String> atB = new CopyOnWriteArrayList<>();
    // Mosquitto accepts the SUBSCRIBE (no SUBACK failure) and filters on delivery.
    a.subscribe(Topics.desired(B), 1, (topic, payload) -> atA.add(topic)).get(WAIT_S, TimeUnit.SECONDS);
    a.subscribe(Topics.desired(A), 1, (topic, payload) -> atA.add(topic)).get(WAIT_S, TimeUnit.SECONDS);
    b.subscribe(Topics.desired(B), 1, (topic, payload) -> atB.add(topic)).get(WAIT_S, TimeUnit.SECONDS);

    publish(controller, Topics.desired(B));
    publish(controller, Topics.desired(A)); // after B's: once A has its own, B's would have come first
    awaitSize(atB, 1);
    awaitSize(atA, 1);
    assertThat(atB).containsExactly(Topics.desired(B));
    assertThat(atA).containsExactly(Topics.desired(A));
  }

  @Test
  void controller_writesDesiredManifestsAndChunks_agentsReadThem() throws Exception {
    PahoTransport controller = certificateClient(DeployedMosquitto.CONTROLLER);
    PahoTransport a = passwordClient(A);
    controller.connect().get(WAIT_S, TimeUnit.SECONDS);
    a.connect().get(WAIT_S, TimeUnit.SECONDS);
    List<String> atA = new CopyOnWriteArrayList<>();
    a.subscribe(Topics.releaseManifest(SHA), 1, (topic, payload) -> atA.add(topic)).get(WAIT_S, TimeUnit.SECONDS);
    a.subscribe(Topics.artifactChunks(SHA), 1, (topic, payload) -> atA.add(topic)).get(WAIT_S, TimeUnit.SECONDS);
    publish(controller, Topics.desired(A));
    publish(controller, Topics.releaseManifest(SHA));
    publish(controller, Topics.artifactChunk(SHA, 0));
    awaitSize(atA, 2);
    assertThat(atA).containsExactly(Topics.releaseManifest(SHA), Topics.artifactChunk(SHA, 0));
    assertThat(notAuthorized(DeployedMosquitto.CONTROLLER)).isZero();
  }

  @Test
  void hostnameVerification_onByDefault_refusesACertificateForAnotherHost() throws Exception {
    Path dir = work.resolve("misnamed");
    Process gen = new ProcessBuilder("bash", Path.of("..", "deploy", "mosquitto", "gen-certs.sh").toString(),
        dir.toString(), "elsewhere.example").redirectErrorStream(true).start();
    gen.getInputStream().readAllBytes();
    assertThat(gen.waitFor(30, TimeUnit.SECONDS) && gen.exitValue() == 0).as("gen-certs.sh ran").isTrue();
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("tls-only.conf");
    java.nio.file.Files.write(conf, List.of("listener " + port + " 127.0.0.1", "allow_anonymous true",
        "cafile " + dir.resolve("ca.crt"), "certfile " + dir.resolve("broker.crt"),
        "keyfile " + dir.resolve("broker.key"), "log_dest stderr",
        "root".equals(System.getProperty("user.name")) ? "user root" : "# not root"));
    try (io.edgeladder.broker.MosquittoProcess m =
        io.edgeladder.broker.MosquittoProcess.startWithConfig(conf, List.of(port))) {
      String url = "ssl://127.0.0.1:" + m.port();
      PahoTransport strict = track(PahoTransportOptions.of(url, "strict", "strict")
          .withTls(TlsSettings.of(dir.resolve("ca.crt"))));
      assertThatThrownBy(() -> strict.connect().get(WAIT_S, TimeUnit.SECONDS))
          .hasMessageContaining("cannot connect to " + url).hasMessageContaining("127.0.0.1");
      PahoTransport lax = track(PahoTransportOptions.of(url, "lax", "lax")
          .withTls(TlsSettings.of(dir.resolve("ca.crt")).withVerifyHostname(false)));
      lax.connect().get(WAIT_S, TimeUnit.SECONDS);
      assertThat(lax.isConnected()).isTrue();
      lax.close();
    }
  }

  private static void awaitSize(List<String> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(list).as("messages received within %d s", WAIT_S).hasSizeGreaterThanOrEqualTo(size);
  }
}
