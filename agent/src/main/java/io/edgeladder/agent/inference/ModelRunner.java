package io.edgeladder.agent.inference;

/**
 * Runs one model for one thread, through buffers allocated once: no allocation per call in steady state.
 * Not thread-safe.
 */
public interface ModelRunner extends AutoCloseable {
  /**
   * Copies {@code input} (length {@link ModelSignature#inputSize()}) into the native input buffer, runs
   * the session and copies the output into {@code output} (length {@link ModelSignature#outputSize()}).
   *
   * @throws InferenceException when the runtime fails; the runner stays usable
   */
  void run(float[] input, float[] output) throws InferenceException;

  @Override
  void close();
}
