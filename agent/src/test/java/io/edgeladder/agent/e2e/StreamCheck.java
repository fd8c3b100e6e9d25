package io.edgeladder.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeladder.agent.app.Agent;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.simulator.Condition;
import io.edgeladder.simulator.SensorSimulator;
import io.edgeladder.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;

/**
 * Checks one pipeline's results against the simulator stream that fed it: completeness, sequence,
 * provenance, timing fields and accuracy against the injected condition.
 *
 * <p>Truth is taken by sequence number: window {@code s} holds frames {@code [s*hop, s*hop+size)} of
 * the stream, and the simulator applies its schedule per message at the message's first frame. That is
 * exact only when no message was lost, so callers first check that the agent received every message.
 */
final class StreamCheck {
  /** Span of a window in ms as the agent stamps it: (size - 1) samples at 10 kHz, rounded. */
  private static final long SPAN_MILLIS = Math.round((E2e.WINDOW - 1) * 1000.0 / E2e.SAMPLE_RATE);

  private final SensorSimulator sim;
  private final SimulatorConfig config;

  StreamCheck(SensorSimulator sim) {
    this.sim = sim;
    this.config = sim.config();
  }

  /** Counts of one pipeline's check; {@code judged} excludes windows straddling a condition change. */
  record Report(String pipeline, int results, int judged, int correct) {
    double accuracy() {
      return judged == 0 ? 0 : (double) correct / judged;
    }

    @Override
    public String toString() {
      return String.format("%s: %d results, %d judged, accuracy %.3f", pipeline, results, judged, accuracy());
    }
  }

  /**
   * Waits until {@code agent} has published a result for every window of the finished simulator's
   * stream, checks that it received every message (so truth by sequence number holds), then checks
   * the results.
   */
  static Report awaitAndCheck(Agent agent, MqttCollector collector, SensorSimulator sim, String pipeline,
      boolean sensorTime) throws InterruptedException {
    long frames = sim.messagesPublished() * sim.config().framesPerMessage();
    long expected = E2e.windowsFor(frames);
    E2e.await(pipeline + " to publish " + expected + " results", Duration.ofSeconds(30),
        () -> collector.resultCount(pipeline) >= expected,
        () -> collector.resultCount(pipeline) + " results so far; agent status " + agent.status());
    JsonNode p = E2e.pipeline(E2e.status(agent), pipeline);
    assertThat(sim.messagesDropped()).as("%s: simulator dropped", pipeline).isZero();
    assertThat(p.path("messagesIn").asLong()).as("%s: messages in", pipeline).isEqualTo(sim.messagesPublished());
    String sha256 = E2e.sha256(E2e.MODEL_DIR.resolve("model.onnx"));
    return new StreamCheck(sim).check(collector.results(pipeline), agent.config().agentId(), pipeline,
        expected, sha256, sensorTime);
  }

  /** The condition injected into every frame of window {@code seq}, or null when it changes inside. */
  Condition truth(long seq) {
    Condition first = at(seq * E2e.HOP);
    Condition last = at(seq * E2e.HOP + E2e.WINDOW - 1);
    return first == last ? first : null;
  }

  private Condition at(long frame) {
    int fpm = config.framesPerMessage();
    long message = frame / fpm;
    long streamMillis = (long) Math.floor(message * fpm * 1000.0 / config.sampleRateHz());
    return config.schedule().at(0, streamMillis);
  }

  /** Stream time of frame {@code frame} as wall millis (what SenML's {@code bt + t} says). */
  long wallMillisOf(long frame) {
    return sim.startEpochMillis() + Math.round(frame * 1000.0 / config.sampleRateHz());
  }

  /**
   * @param sensorTime whether the pipeline's payloads carry time (SenML): then window times must match
   *     the simulator's timeline to the millisecond (the encoder rounds {@code bt} to ms)
   */
  Report check(List<InferenceResult> results, String agentId, String pipeline, long expected,
      String sha256, boolean sensorTime) {
    assertThat(results).as("%s: results", pipeline).hasSize((int) expected);
    int judged = 0;
    int correct = 0;
    for (int i = 0; i < results.size(); i++) {
      InferenceResult r = results.get(i);
      assertThat(r.seq()).as("%s: result %d's seq (gap-free, in order)", pipeline, i).isEqualTo(i);
      assertThat(r.agent()).isEqualTo(agentId);
      assertThat(r.pipeline()).isEqualTo(pipeline);
      assertThat(r.model()).isEqualTo("vibration-cnn");
      assertThat(r.variant()).isNotBlank();
      assertThat(r.sha256()).as("%s: sha256", pipeline).isEqualTo(sha256);
      assertThat(r.windowStart()).as("%s seq %d: window start", pipeline, i)
          .isLessThan(r.windowEnd()).isEqualTo(r.windowEnd() - SPAN_MILLIS);
      assertThat(r.windowEnd()).as("%s seq %d: window end after the stream began", pipeline, i)
          .isGreaterThanOrEqualTo(sim.startEpochMillis());
      assertThat(r.deadlineMet()).as("%s seq %d: deadline met", pipeline, i).isTrue();
      assertThat(r.scores()).hasSize(Condition.values().length);
      assertThat(r.top()).isEqualTo(Condition.ofIndex(r.topIndex()).label());
      if (!sensorTime) {
        // The agent stamps arrival time: the window ends when its last message arrived, in the past.
        assertThat(r.windowEnd()).as("%s seq %d: window end (arrival)", pipeline, i)
            .isLessThanOrEqualTo(System.currentTimeMillis());
      } else {
        // SenML carries the sensor's clock (bt + t): the window's end is its last frame's stream time.
        long lastFrame = i * (long) E2e.HOP + E2e.WINDOW - 1;
        assertThat(r.windowEnd()).as("%s seq %d: window end on the sensor's clock", pipeline, i)
            .isBetween(wallMillisOf(lastFrame) - 2, wallMillisOf(lastFrame) + 2);
      }
      Condition truth = truth(r.seq());
      if (truth != null) {
        judged++;
        if (truth.label().equals(r.top())) {
          correct++;
        }
      }
    }
    return new Report(pipeline, results.size(), judged, correct);
  }
}
