package io.edgeladder.agent.inference;

import java.nio.file.Path;

/** Loads model files into runnable sessions. Implementations live in adapter packages (ORT). */
public interface ModelLoader {
  /**
   * Loads and checks a model: exactly one float input and at least one float output, static shapes
   * (batch 1).
   *
   * @throws ModelLoadException when the file is missing, unreadable, not a model, or its signature is
   *     not usable; the message names the file and the problem
   */
  LoadedModel load(Path file, RunnerOptions options) throws ModelLoadException;
}
