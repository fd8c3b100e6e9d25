package io.edgeladder.agent.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.app.Agent;
import io.edgeladder.broker.MosquittoProcess;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent against a real Mosquitto, connected by URL like any deployment: a short end-to-end run
 * (raw and SenML, all five conditions), and Mosquitto's own {@code mosquitto_sub} reading results,
 * which shows any MQTT client can consume them.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MosquittoInteropIT {
  private static final String AGENT = "mq-gw";
  private static final Path MOSQUITTO_SUB = Path.of("/usr/bin/mosquitto_sub");
  private static final Duration DWELL = Duration.ofMillis(1200);
  private static final Duration STREAM = Duration.ofSeconds(7);
  private static final double SPEED = 2;

  private MosquittoProcess mosquitto;
  private Agent agent;
  private MqttCollector collector;
  private Process sub;
  private final List<SensorSimulator> sims = new ArrayList<>();

  @BeforeEach
  void setUp() {
    mosquitto = MosquittoProcess.start();
  }

  @AfterEach
  void tearDown() {
    if (sub != null) sub.destroyForcibly();
    sims.forEach(SensorSimulator::close);
    if (collector != null) collector.close();
    if (agent != null) agent.close();
    mosquitto.close();
  }

  @Test
  void agent_onMosquitto_classifiesAndAnyClientReadsResults() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(MOSQUITTO_SUB), "mosquitto_sub is installed (apt-get install mosquitto-clients)");
    E2e.Pipe[] pipes = {E2e.Pipe.of("mq-raw", "raw-f32le", 1000), E2e.Pipe.of("mq-senml", "senml", 1000)};
    agent = E2e.start(E2e.config(AGENT, mosquitto.url(), 1, 256, pipes));
    assertThat(agent.ready()).isTrue();
    collector = MqttCollector.subscribe(mosquitto.url(), AGENT);
    Path subOut = Files.createTempFile("mosquitto-sub-", ".txt");
    sub = new ProcessBuilder(MOSQUITTO_SUB.toString(), "-h", "127.0.0.1", "-p", String.valueOf(mosquitto.port()),
        "-t", "inference/#", "-C", "5", "-W", "20")
        .redirectOutput(subOut.toFile()).redirectErrorStream(false).start();

    PayloadFormat[] formats = {PayloadFormat.RAW, PayloadFormat.SENML};
    for (int i = 0; i < pipes.length; i++) {
      sims.add(SensorSimulator.start(
          E2e.simulator(mosquitto.url(), pipes[i].name(), formats[i], 31 + i, DWELL, STREAM, SPEED)));
    }
    for (SensorSimulator sim : sims) {
      assertThat(sim.awaitDone(Duration.ofSeconds(30))).as("simulator finished").isTrue();
    }
    for (int i = 0; i < pipes.length; i++) {
      StreamCheck.Report r = StreamCheck.awaitAndCheck(agent, collector, sims.get(i), pipes[i].name(),
          formats[i] == PayloadFormat.SENML);
      System.out.println("MosquittoInteropIT: " + r);
      assertThat(r.accuracy()).as("%s accuracy", r.pipeline()).isGreaterThanOrEqualTo(0.9);
    }

    assertThat(sub.waitFor(25, TimeUnit.SECONDS)).as("mosquitto_sub exits after 5 messages").isTrue();
    String err = new String(sub.getErrorStream().readAllBytes(), UTF_8);
    assertThat(sub.exitValue()).as("mosquitto_sub exit code; stderr: %s", err).isZero();
    List<String> lines = Files.readAllLines(subOut, UTF_8);
    Files.deleteIfExists(subOut);
    assertThat(lines).hasSize(5);
    String sha256 = E2e.sha256(E2e.MODEL_DIR.resolve("model.onnx"));
    for (String line : lines) {
      InferenceResult r = InferenceResult.parse(line.getBytes(UTF_8));
      assertThat(r.agent()).isEqualTo(AGENT);
      assertThat(r.pipeline()).isIn("mq-raw", "mq-senml");
      assertThat(r.sha256()).isEqualTo(sha256);
      assertThat(r.scores()).hasSize(5);
    }
  }
}
