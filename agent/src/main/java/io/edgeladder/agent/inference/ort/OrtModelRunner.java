package io.edgeladder.agent.inference.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgeladder.agent.inference.InferenceException;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.ModelSignature;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.Map;

/**
 * A runner over two pinned tensors: ORT reads the input from, and writes the output into, direct
 * native-order buffers allocated here once, so a run costs two array copies and no buffer allocation.
 * Confined to one thread at a time (the buffers are overwritten by every run).
 */
final class OrtModelRunner implements ModelRunner {
  private final String model;
  private final OrtSession session;
  private final int inputSize;
  private final int outputSize;
  private final FloatBuffer input;
  private final FloatBuffer output;
  private final OnnxTensor inputTensor;
  private final OnnxTensor outputTensor;
  // Built once and reused: singletonMap caches its entry set, so ORT's per-run iteration stays cheap.
  private final Map<String, OnnxTensor> inputs;
  private final Map<String, OnnxTensor> pinnedOutputs;
  private boolean closed;

  OrtModelRunner(String model, OrtEnvironment env, OrtSession session, ModelSignature signature)
      throws OrtException {
    this.model = model;
    this.session = session;
    this.inputSize = signature.inputSize();
    this.outputSize = signature.outputSize();
    this.input = directFloats(inputSize);
    this.output = directFloats(outputSize);
    // A direct buffer in native order is wrapped by the tensor without a copy: writes to `input` are
    // what the session reads, and the session's writes to the output tensor land in `output`.
    this.inputTensor = OnnxTensor.createTensor(env, input, signature.inputShape());
    try {
      this.outputTensor = OnnxTensor.createTensor(env, output, signature.outputShape());
    } catch (OrtException | RuntimeException e) {
      inputTensor.close();
      throw e;
    }
    this.inputs = Collections.singletonMap(signature.inputName(), inputTensor);
    this.pinnedOutputs = Collections.singletonMap(signature.outputName(), outputTensor);
  }

  private static FloatBuffer directFloats(int count) {
    return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  @Override
  public void run(float[] in, float[] out) throws InferenceException {
    if (closed) {
      throw new IllegalStateException("runner for model " + model + " is closed");
    }
    if (in.length != inputSize) {
      throw new IllegalArgumentException("model " + model + ": input length must be " + inputSize + " but was " + in.length);
    }
    if (out.length != outputSize) {
      throw new IllegalArgumentException("model " + model + ": output length must be " + outputSize + " but was " + out.length);
    }
    input.put(0, in);
    // The Result only owns values ORT allocated for it; a pinned output is not one of them, so closing
    // the Result leaves outputTensor (and `output`) intact for the next run.
    try (OrtSession.Result unused = session.run(inputs, pinnedOutputs)) {
      output.get(0, out);
    } catch (OrtException | IllegalStateException e) {
      // IllegalStateException: ORT's answer for a session closed under us (a missed drain)
      throw new InferenceException("model " + model + ": run failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    inputTensor.close();
    outputTensor.close();
  }
}
