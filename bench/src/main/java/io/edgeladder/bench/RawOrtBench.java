package io.edgeladder.bench;

import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.RunnerOptions;
import io.edgeladder.agent.inference.ort.OrtModelLoader;
import java.nio.file.Path;

/**
 * The reference for the agent's inference cost: {@link ModelRunner#run} in a tight loop on one thread,
 * same model and same session options as the agent (intra-op 1, inter-op 1, no spinning, full graph
 * optimisation), same input size. Nothing else runs while it measures.
 */
public final class RawOrtBench {
  private RawOrtBench() {}

  /**
   * @param warmup runs discarded before measuring (JIT, ORT arena growth)
   * @param iterations measured runs
   */
  public static Result run(Path modelFile, RunnerOptions options, float[] input, int warmup, int iterations)
      throws ModelLoadException, InferenceException {
    if (warmup < 0 || iterations < 1) {
      throw new IllegalArgumentException("raw ORT warm-up must be >= 0 and iterations >= 1 but were "
          + warmup + " and " + iterations);
    }
    try (LoadedModel model = OrtModelLoader.of().load(modelFile, options);
         ModelRunner runner = model.newRunner()) {
      float[] in = new float[model.signature().inputSize()];
      for (int i = 0; i < in.length; i++) {
        in[i] = input[i % input.length];
      }
      float[] out = new float[model.signature().outputSize()];
      for (int i = 0; i < warmup; i++) {
        runner.run(in, out);
      }
      Samples samples = new Samples(iterations);
      long start = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        long t0 = System.nanoTime();
        runner.run(in, out);
        samples.record(System.nanoTime() - t0);
      }
      long elapsed = System.nanoTime() - start;
      return new Result(samples.summary(), iterations * 1e9 / elapsed, model.sha256());
    }
  }

  /**
   * @param latency per-run latency
   * @param runsPerSecond back-to-back throughput over the measured runs
   * @param sha256 hash of the model file that ran
   */
  public record Result(Samples.Summary latency, double runsPerSecond, String sha256) {}
}
