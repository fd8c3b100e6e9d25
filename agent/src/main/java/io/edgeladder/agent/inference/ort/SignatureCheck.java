package io.edgeladder.agent.inference.ort;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgeladder.agent.inference.ModelLoadException;
import io.edgeladder.agent.inference.ModelSignature;
import java.util.Arrays;
import java.util.Map;

/** The one-time check that a session fits {@link io.edgeladder.agent.inference.ModelRunner}. */
final class SignatureCheck {
  private SignatureCheck() {}

  /**
   * Exactly one float32 input, static shape, batch 1; a float32 first output with a static shape.
   *
   * @param model the name used in error messages (the file path)
   */
  static ModelSignature check(String model, OrtSession session) throws OrtException, ModelLoadException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    if (inputs.size() != 1) {
      throw new ModelLoadException("model " + model + ": expected exactly 1 input but found " + inputs.size()
          + " " + inputs.keySet());
    }
    NodeInfo input = inputs.values().iterator().next();
    long[] inputShape = staticFloatShape(model, "input", input);
    if (inputShape.length == 0 || inputShape[0] != 1) {
      throw new ModelLoadException("model " + model + ": input '" + input.getName() + "' must have batch 1 but has shape "
          + Arrays.toString(inputShape));
    }
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    if (outputs.isEmpty()) {
      throw new ModelLoadException("model " + model + ": has no outputs");
    }
    NodeInfo output = outputs.values().iterator().next(); // getOutputInfo keeps graph order
    long[] outputShape = staticFloatShape(model, "output", output);
    return new ModelSignature(input.getName(), inputShape, output.getName(), outputShape);
  }

  private static long[] staticFloatShape(String model, String role, NodeInfo node) throws ModelLoadException {
    String what = "model " + model + ": " + role + " '" + node.getName() + "'";
    if (!(node.getInfo() instanceof TensorInfo tensor)) {
      throw new ModelLoadException(what + " must be a tensor but is " + node.getInfo());
    }
    if (tensor.type != OnnxJavaType.FLOAT) {
      throw new ModelLoadException(what + " must be float32 but is " + tensor.onnxType);
    }
    long[] shape = tensor.getShape();
    for (int axis = 0; axis < shape.length; axis++) {
      if (shape[axis] <= 0) {
        String symbol = tensor.getDimensionNames()[axis];
        throw new ModelLoadException(what + " has dynamic dim " + shape[axis] + " at axis " + axis
            + (symbol == null || symbol.isEmpty() ? "" : " ('" + symbol + "')")
            + "; only static shapes are supported");
      }
    }
    long elements = 1;
    for (long d : shape) {
      // checked per dim: a product of large dims must not overflow into a small, plausible size (fuzzing)
      elements = d > Integer.MAX_VALUE / Float.BYTES ? Long.MAX_VALUE : elements * d;
      if (elements > Integer.MAX_VALUE / Float.BYTES) break;
    }
    if (elements > Integer.MAX_VALUE / Float.BYTES) {
      throw new ModelLoadException(what + " has shape " + Arrays.toString(shape) + ", more elements than the "
          + Integer.MAX_VALUE / Float.BYTES + " fit one buffer");
    }
    return shape;
  }
}
