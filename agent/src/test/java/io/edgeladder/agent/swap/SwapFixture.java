package io.edgeladder.agent.swap;

import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.inference.ort.OrtModelLoader;
import io.edgeladder.agent.pipeline.PipelineHarness;
import io.edgeladder.protocol.AgentEvent;
import io.micrometer.core.instrument.Clock;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A harness pipeline (vibration-cnn) plus a swap manager on real threads, and specs for real files. */
final class SwapFixture implements AutoCloseable {
  static final Path BASE = Path.of("..", "models", "vibration-cnn", "model.onnx");
  /** Same signature as vibration-cnn ([1, 3, 1024] -> [1, 5]), other weights: a second rung, tracked in git. */
  static final Path OTHER = Path.of("..", "models", "fixtures", "tiny-conv.onnx");
  static final Path TRUNCATED = Path.of("..", "models", "fixtures", "truncated.onnx");
  static final Path TWO_INPUTS = Path.of("..", "models", "fixtures", "two-inputs.onnx");

  final PipelineHarness harness;
  final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "swap-loader");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    return t;
  });
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  final SwapManager swaps;

  SwapFixture(int workers, int queueCapacity, int deadlineMillis, Clock clock, SwapSettings settings)
      throws Exception {
    harness = new PipelineHarness(workers, queueCapacity, deadlineMillis, clock);
    swaps = new SwapManager("gw-1", List.of(harness.pipeline()), OrtModelLoader.of(), RunnerOptions.ofDefaults(),
        loader, timer, events::add, clock, settings);
  }

  /** A spec for {@code file} with its real sha256 and a golden output computed from the file itself. */
  static VariantSpec spec(String id, Path file) throws Exception {
    float[] in = goldenInput();
    try (LoadedModel m = OrtModelLoader.of().load(file, RunnerOptions.ofDefaults());
        ModelRunner r = m.newRunner()) {
      float[] out = new float[m.signature().outputSize()];
      r.run(in, out);
      return new VariantSpec(id, file, m.sha256(), in, out, 1e-4f);
    }
  }

  static float[] goldenInput() {
    float[] in = new float[3 * 1024];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) Math.cos(i * 0.03);
    }
    return in;
  }

  List<String> eventTypes() {
    return events.stream().map(AgentEvent::type).toList();
  }

  @Override
  public void close() {
    loader.shutdownNow();
    timer.shutdownNow();
    harness.close();
  }
}
