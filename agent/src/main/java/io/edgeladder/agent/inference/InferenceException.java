package io.edgeladder.agent.inference;

/** A failed run. Possibly frequent (a broken variant), so no stack trace of its own. */
public final class InferenceException extends Exception {
  public InferenceException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
