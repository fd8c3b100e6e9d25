package io.edgeladder.controller.variants.evaluate;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * One ORT session over pinned input and output tensors, set up like the agent's runner so the measured
 * latency is what an agent would see. Confined to one thread.
 */
final class OrtModel implements AutoCloseable {
  private final String label;
  private final SessionOptions options;
  private final OrtSession session;
  private final FloatBuffer input;
  private final FloatBuffer output;
  private final OnnxTensor inputTensor;
  private final OnnxTensor outputTensor;
  private final Map<String, OnnxTensor> inputs;
  private final Map<String, OnnxTensor> outputs;
  private final int inputSize;
  private final int outputSize;

  private OrtModel(String label, SessionOptions options, OrtSession session, long[] inputShape, long[] outputShape)
      throws OrtException {
    this.label = label;
    this.options = options;
    this.session = session;
    this.inputSize = (int) elements(inputShape);
    this.outputSize = (int) elements(outputShape);
    this.input = ByteBuffer.allocateDirect(inputSize * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    this.output = ByteBuffer.allocateDirect(outputSize * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    this.inputTensor = OnnxTensor.createTensor(env, input, inputShape);
    this.outputTensor = OnnxTensor.createTensor(env, output, outputShape);
    this.inputs = Collections.singletonMap(session.getInputNames().iterator().next(), inputTensor);
    this.outputs = Collections.singletonMap(session.getOutputNames().iterator().next(), outputTensor);
  }

  /**
   * Loads a model that takes one float input of {@code inputShape} (dynamic dims allowed) and gives one
   * float output of static shape.
   */
  static OrtModel load(String label, byte[] model, long[] inputShape, int intraOpThreads)
      throws ModelEvaluationException {
    SessionOptions options = null;
    OrtSession session = null;
    try {
      options = sessionOptions(intraOpThreads);
      session = OrtEnvironment.getEnvironment().createSession(model, options);
      long[] outputShape = checkSignature(label, session, inputShape);
      return new OrtModel(label, options, session, inputShape, outputShape);
    } catch (OrtException | RuntimeException e) {
      closeQuietly(session, options);
      throw new ModelEvaluationException(label + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
    } catch (ModelEvaluationException e) {
      closeQuietly(session, options);
      throw e;
    }
  }

  private static SessionOptions sessionOptions(int intraOpThreads) throws OrtException {
    SessionOptions so = new SessionOptions();
    try {
      so.setIntraOpNumThreads(intraOpThreads);
      so.setInterOpNumThreads(1);
      so.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
      so.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
      so.addConfigEntry("session.intra_op.allow_spinning", "0");
      so.addConfigEntry("session.inter_op.allow_spinning", "0");
      return so;
    } catch (OrtException | RuntimeException e) {
      so.close();
      throw e;
    }
  }

  private static long[] checkSignature(String label, OrtSession session, long[] inputShape)
      throws OrtException, ModelEvaluationException {
    if (session.getNumInputs() != 1 || session.getNumOutputs() < 1) {
      throw new ModelEvaluationException(label + ": must have 1 input and at least 1 output but has "
          + session.getNumInputs() + " inputs and " + session.getNumOutputs() + " outputs");
    }
    NodeInfo in = session.getInputInfo().values().iterator().next();
    if (!(in.getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.FLOAT) {
      throw new ModelEvaluationException(label + ": input " + in.getName() + " must be a float tensor but is " + in.getInfo());
    }
    long[] shape = ti.getShape();
    boolean fits = shape.length == inputShape.length;
    for (int i = 0; fits && i < shape.length; i++) fits = shape[i] <= 0 || shape[i] == inputShape[i];
    if (!fits) {
      throw new ModelEvaluationException(label + ": input " + in.getName() + " has shape " + Arrays.toString(shape)
          + " but the validation windows are " + Arrays.toString(inputShape));
    }
    NodeInfo out = session.getOutputInfo().values().iterator().next();
    if (!(out.getInfo() instanceof TensorInfo to) || to.type != OnnxJavaType.FLOAT) {
      throw new ModelEvaluationException(label + ": output " + out.getName() + " must be a float tensor but is " + out.getInfo());
    }
    long[] outShape = to.getShape();
    for (long d : outShape) {
      if (d <= 0) {
        throw new ModelEvaluationException(label + ": output " + out.getName() + " has dynamic shape "
            + Arrays.toString(outShape) + "; the ladder needs static shapes");
      }
    }
    return outShape;
  }

  /** Runs one window: copies {@code in} to the pinned input and the output into {@code out}. */
  void run(float[] in, float[] out) throws ModelEvaluationException {
    input.put(0, in);
    try (OrtSession.Result unused = session.run(inputs, outputs)) {
      output.get(0, out);
    } catch (OrtException e) {
      throw new ModelEvaluationException(label + ": ONNX Runtime run failed: " + e.getMessage(), e);
    }
  }

  int inputSize() {
    return inputSize;
  }

  int outputSize() {
    return outputSize;
  }

  private static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) n *= d;
    return n;
  }

  @Override
  public void close() {
    inputTensor.close();
    outputTensor.close();
    closeQuietly(session, options);
  }

  private static void closeQuietly(OrtSession session, SessionOptions options) {
    try {
      if (session != null) session.close();
    } catch (OrtException ignored) {
      // closing a session we no longer use; nothing to recover
    }
    if (options != null) options.close();
  }
}
