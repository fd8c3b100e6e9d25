package io.edgeladder.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.agent.app.Agent;
import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.broker.EmbeddedBroker;
import io.edgeladder.simulator.PayloadFormat;
import io.edgeladder.simulator.SensorSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole inference path on the embedded broker: three simulated machines (raw float32, JSON, SenML)
 * cycle through all five conditions, one agent with one pipeline each classifies them, and a plain MQTT
 * subscriber checks every result against the simulator's timeline.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EndToEndIT {
  private static final String AGENT = "e2e-gw";
  /** Each condition for 2 s of stream time: a full cycle of the five in 10 s, plus the start again. */
  private static final Duration DWELL = Duration.ofSeconds(2);
  private static final Duration STREAM = Duration.ofSeconds(11);
  /**
   * Stream time runs 2x faster than wall time: ~40 windows/s per pipeline, far within one worker, and
   * gentle enough for a shared 2-core machine (faster runs deliver in bursts when the CPU is contended).
   */
  private static final double SPEED = 2;
  /**
   * Generous on purpose: this test checks classification and provenance, so a scheduling hiccup on a
   * busy build machine must not shed a window (OverloadIT covers tight deadlines).
   */
  private static final int DEADLINE_MS = 1000;

  private EmbeddedBroker broker;
  private Agent agent;
  private MqttCollector collector;
  private final List<SensorSimulator> sims = new ArrayList<>();

  @BeforeEach
  void setUp() {
    broker = EmbeddedBroker.start(EmbeddedBroker.Options.anyFreePort());
  }

  @AfterEach
  void tearDown() {
    sims.forEach(SensorSimulator::close);
    if (collector != null) collector.close();
    if (agent != null) agent.close();
    broker.close();
  }

  @Test
  void agent_simulatedConditionCycle_classifiesEveryWindowWithProvenance() throws Exception {
    E2e.Pipe[] pipes = {E2e.Pipe.of("pump-raw", "raw-f32le", DEADLINE_MS),
        E2e.Pipe.of("pump-json", "json", DEADLINE_MS), E2e.Pipe.of("pump-senml", "senml", DEADLINE_MS)};
    AgentConfig config = E2e.config(AGENT, broker.url(), 1, 256, pipes);
    agent = E2e.start(config);
    collector = MqttCollector.subscribe(broker.url(), AGENT);
    assertThat(E2e.get(agent.httpPort(), "/ready").statusCode()).isEqualTo(200);

    PayloadFormat[] formats = {PayloadFormat.RAW, PayloadFormat.JSON, PayloadFormat.SENML};
    for (int i = 0; i < pipes.length; i++) {
      sims.add(SensorSimulator.start(
          E2e.simulator(broker.url(), pipes[i].name(), formats[i], 11 + i, DWELL, STREAM, SPEED)));
    }
    for (SensorSimulator sim : sims) {
      assertThat(sim.awaitDone(Duration.ofSeconds(30))).as("simulator finished").isTrue();
    }

    List<StreamCheck.Report> reports = new ArrayList<>();
    for (int i = 0; i < pipes.length; i++) {
      reports.add(StreamCheck.awaitAndCheck(agent, collector, sims.get(i), pipes[i].name(),
          formats[i] == PayloadFormat.SENML));
    }
    System.out.println("EndToEndIT: " + reports);
    for (StreamCheck.Report r : reports) {
      assertThat(r.judged()).as("%s judged windows", r.pipeline()).isGreaterThan(r.results() * 8 / 10);
      assertThat(r.accuracy()).as("%s accuracy", r.pipeline()).isGreaterThanOrEqualTo(0.9);
    }
    assertThat(collector.unparsable()).isEmpty();
    assertCountsOverHttp(pipes, reports);
  }

  private void assertCountsOverHttp(E2e.Pipe[] pipes, List<StreamCheck.Report> reports) {
    JsonNode status = E2e.status(agent);
    PromText metrics = E2e.metrics(agent);
    assertThat(status.path("agent").asText()).isEqualTo(AGENT);
    assertThat(status.path("ready").asBoolean()).isTrue();
    for (int i = 0; i < pipes.length; i++) {
      String name = pipes[i].name();
      long results = reports.get(i).results();
      JsonNode p = E2e.pipeline(status, name);
      assertThat(p.path("windowsIn").asLong()).as("%s windowsIn", name).isEqualTo(results);
      assertThat(p.path("windowsOut").asLong()).as("%s windowsOut", name).isEqualTo(results);
      assertThat(E2e.shedTotal(p)).as("%s shed", name).isZero();
      assertThat(p.path("deadlineMisses").asLong()).isZero();
      for (JsonNode errors : p.path("decodeErrors")) {
        assertThat(errors.asLong()).as("%s decode errors", name).isZero();
      }
      assertThat(p.path("latencyMs").path("total").path("p50").asDouble()).isPositive();
      assertThat(metrics.count("edge_windows_in_total", "pipeline", name)).isEqualTo(results);
      assertThat(metrics.count("edge_windows_out_total", "pipeline", name, "agent", AGENT)).isEqualTo(results);
      assertThat(metrics.count("edge_messages_in_total", "pipeline", name))
          .isEqualTo(sims.get(i).messagesPublished());
      assertThat(metrics.count("edge_windows_shed_total", "pipeline", name)).isZero();
    }
  }
}
