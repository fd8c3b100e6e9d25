package io.edgeladder.agent.inference;

/**
 * A loaded model (one native session), shared by inference workers. Each worker gets its own
 * {@link ModelRunner} with its own pinned buffers.
 *
 * <p>{@link #close()} must only be called once every runner is closed and no run is in flight (the
 * swap drains first): the native session does not guard against it.
 */
public interface LoadedModel extends AutoCloseable {
  ModelSignature signature();

  /** Hex sha256 of the model file's bytes. */
  String sha256();

  /** A runner for one thread. */
  ModelRunner newRunner();

  @Override
  void close();
}
