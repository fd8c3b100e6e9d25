package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.testing.RecordingTransport;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.inference.ort.OrtModelLoader;
import io.edgeladder.agent.ingest.PayloadFormat;
import io.edgeladder.agent.ingest.Window;
import io.edgeladder.agent.ingest.WindowPool;
import io.edgeladder.agent.schedule.EdfScheduler;
import io.edgeladder.agent.schedule.ShedReason;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.protocol.ModelCard;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private static final Path CARD = Path.of("..", "models", "fixtures", "tiny-conv.model-card.json");
  private static final int DEADLINE_MS = 50;

  private final RecordingTransport transport = new RecordingTransport();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private LoadedModel model;

  @AfterEach
  void close() {
    if (model != null) {
      model.close();
    }
  }

  private Fixture fixture(Clock clock) throws Exception {
    ModelCard card = ModelCard.load(CARD);
    model = OrtModelLoader.of().load(card.modelPath(CARD), RunnerOptions.ofDefaults());
    AgentConfig.Pipeline pc = new AgentConfig.Pipeline("pump-1", "sensors/pump-1", PayloadFormat.RAW_F32LE,
        List.of("x", "y", "z"), null, card.input().sampleRateHz(), CARD.toAbsolutePath(),
        card.input().windowSize(), card.input().windowSize(), DEADLINE_MS, 1 << 20);
    PipelineSet set = new PipelineSet(1);
    EdfScheduler scheduler = new EdfScheduler(1, 8, set, clock);
    Pipeline p = new Pipeline(0, "gw-1", pc, card, model, 1, 9, scheduler, transport, 0, registry, clock);
    set.add(p);
    return new Fixture(p, scheduler, card.input().windowSize());
  }

  private record Fixture(Pipeline pipeline, EdfScheduler scheduler, int windowSize) {
    byte[] oneWindow() {
      ByteBuffer b = ByteBuffer.allocate(windowSize * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < windowSize * 3; i++) {
        b.putFloat((float) Math.sin(i * 0.01));
      }
      return b.array();
    }
  }

  @Test
  void constructor_warmUp_seedsRunTimePrediction() throws Exception {
    Fixture f = fixture(Clock.SYSTEM);
    assertThat(f.pipeline().predictedRunNanos()).isPositive();
  }

  @Test
  void onMessage_windowServed_publishesResultWithProvenance() throws Exception {
    MockClock clock = new MockClock();
    Fixture f = fixture(clock);
    f.pipeline().onMessage("sensors/pump-1", f.oneWindow());
    f.pipeline().onMessage("sensors/pump-1", f.oneWindow());
    while (f.scheduler().runOnce(0, 0, TimeUnit.MILLISECONDS)) {
      // drive the worker by hand
    }
    assertThat(transport.published).hasSize(2);
    InferenceResult r = InferenceResult.parse(transport.published.get(1).payload());
    assertThat(transport.published.get(1).topic()).isEqualTo("inference/gw-1/pump-1");
    assertThat(r.seq()).isEqualTo(1);
    assertThat(r.agent()).isEqualTo("gw-1");
    assertThat(r.sha256()).isEqualTo(model.sha256());
    assertThat(r.deadlineMet()).isTrue();
    assertThat(r.scores()).hasSize(5);
  }

  @Test
  void shed_predictionAboveDeadline_decaysUntilWindowsAreServedAgain() throws Exception {
    MockClock clock = new MockClock();
    Fixture f = fixture(clock);
    // One window served in 200 ms (CPU steal, a stall) drives the prediction far above the deadline.
    Window slow = new WindowPool(1, 3 * f.windowSize()).acquire();
    slow.closedNanos = clock.monotonicTime();
    slow.deadlineNanos = slow.closedNanos + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
    clock.add(200, TimeUnit.MILLISECONDS);
    f.pipeline().process(slow, 0, clock.monotonicTime() - TimeUnit.MILLISECONDS.toNanos(200));
    assertThat(f.pipeline().predictedRunNanos()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS));
    int publishedBefore = transport.published.size();

    // Every new window is now shed on arrival at a worker; each shed lowers the prediction.
    int shedBeforeServing = 0;
    while (transport.published.size() == publishedBefore && shedBeforeServing < 100) {
      f.pipeline().onMessage("sensors/pump-1", f.oneWindow());
      f.scheduler().runOnce(0, 0, TimeUnit.MILLISECONDS);
      shedBeforeServing = (int) f.pipeline().metrics.shedCount(ShedReason.DEADLINE);
    }
    assertThat(shedBeforeServing).as("windows shed while the prediction was above the deadline").isPositive();
    assertThat(transport.published).as("a window served again").hasSize(publishedBefore + 1);
    assertThat(f.pipeline().predictedRunNanos()).isLessThan(TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS));
  }
}
