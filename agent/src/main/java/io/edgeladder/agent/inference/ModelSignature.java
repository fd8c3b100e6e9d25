package io.edgeladder.agent.inference;

import java.util.Arrays;

/**
 * A loaded model's input and output tensors, checked once at load.
 *
 * @param inputName the single float input
 * @param inputShape its shape, batch first ({@code [1, C, L]})
 * @param outputName the float output read as scores/logits
 * @param outputShape its shape ({@code [1, K]})
 */
public record ModelSignature(String inputName, long[] inputShape, String outputName, long[] outputShape) {
  public ModelSignature {
    inputShape = inputShape.clone();
    outputShape = outputShape.clone();
  }

  public int inputSize() {
    return (int) Arrays.stream(inputShape).reduce(1, (a, b) -> a * b);
  }

  public int outputSize() {
    return (int) Arrays.stream(outputShape).reduce(1, (a, b) -> a * b);
  }

  @Override
  public long[] inputShape() {
    return inputShape.clone();
  }

  @Override
  public long[] outputShape() {
    return outputShape.clone();
  }
}
