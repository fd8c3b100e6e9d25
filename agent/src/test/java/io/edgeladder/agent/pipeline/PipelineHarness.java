package io.edgeladder.agent.pipeline;

import io.edgeladder.agent.testing.RecordingTransport;

import io.edgeladder.agent.config.AgentConfig;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.inference.ort.OrtModelLoader;
import io.edgeladder.agent.ingest.PayloadFormat;
import io.edgeladder.agent.schedule.EdfScheduler;
import io.edgeladder.protocol.InferenceResult;
import io.edgeladder.protocol.ModelCard;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real pipeline on the vibration-cnn card (one window per message) with a real EDF scheduler and an
 * in-process transport, for tests outside this package (the swap manager's).
 */
public final class PipelineHarness implements AutoCloseable {
  public static final Path CARD = Path.of("..", "models", "vibration-cnn", "model-card.json");

  private final RecordingTransport transport = new RecordingTransport();
  private final Pipeline pipeline;
  private final EdfScheduler scheduler;
  private final int windowSize;

  public PipelineHarness(int workers, int queueCapacity, int deadlineMillis, Clock clock) throws Exception {
    ModelCard card = ModelCard.load(CARD);
    var model = OrtModelLoader.of().load(card.modelPath(CARD), RunnerOptions.ofDefaults());
    windowSize = card.input().windowSize();
    AgentConfig.Pipeline pc = new AgentConfig.Pipeline("pump-1", "sensors/pump-1", PayloadFormat.RAW_F32LE,
        List.of("x", "y", "z"), null, card.input().sampleRateHz(), CARD.toAbsolutePath(),
        windowSize, windowSize, deadlineMillis, 1 << 20);
    PipelineSet set = new PipelineSet(1);
    scheduler = new EdfScheduler(workers, queueCapacity, set, clock);
    pipeline = new Pipeline(0, "gw-1", pc, card, model, workers, queueCapacity + workers + 1, scheduler,
        transport, 0, new SimpleMeterRegistry(), clock);
    set.add(pipeline);
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  public EdfScheduler scheduler() {
    return scheduler;
  }

  /** One message holding exactly one window of a sine wave, phase-shifted by {@code i}. */
  public byte[] window(int i) {
    ByteBuffer b = ByteBuffer.allocate(windowSize * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < windowSize * 3; k++) {
      b.putFloat((float) Math.sin((k + i * 7) * 0.01));
    }
    return b.array();
  }

  public void feed(int i) {
    pipeline.onMessage("sensors/pump-1", window(i));
  }

  /** Every result published so far, in publish order. */
  public List<InferenceResult> results() {
    List<InferenceResult> out = new ArrayList<>();
    synchronized (transport) {
      for (RecordingTransport.Published p : transport.published) {
        try {
          out.add(InferenceResult.parse(p.payload()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  public long shedTotal() {
    long n = 0;
    for (var r : io.edgeladder.agent.schedule.ShedReason.values()) {
      n += pipeline.metrics.shedCount(r);
    }
    return n;
  }

  public long inferenceFailures() {
    return (long) pipeline.metrics.failures.count();
  }

  @Override
  public void close() {
    scheduler.close();
    pipeline.closeActive();
  }
}
