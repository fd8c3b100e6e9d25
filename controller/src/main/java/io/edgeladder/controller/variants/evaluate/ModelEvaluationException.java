package io.edgeladder.controller.variants.evaluate;

/**
 * A model file could be read but not evaluated: ONNX Runtime refused to load or run it, or its
 * signature does not fit the validation set or the reference (the message names the file and says why).
 * A ladder keeps such a variant as rejected; an unreadable file is an {@link java.io.IOException} instead.
 */
public class ModelEvaluationException extends Exception {
  public ModelEvaluationException(String message) {
    super(message);
  }

  public ModelEvaluationException(String message, Throwable cause) {
    super(message, cause);
  }
}
