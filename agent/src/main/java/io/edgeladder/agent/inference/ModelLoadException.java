package io.edgeladder.agent.inference;

/** A model file that cannot be loaded or used; the message names the file and the problem. */
public final class ModelLoadException extends Exception {
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }

  public ModelLoadException(String message) {
    super(message);
  }
}
