package io.edgeladder.agent.inference.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgeladder.agent.inference.LoadedModel;
import io.edgeladder.agent.inference.ModelRunner;
import io.edgeladder.agent.inference.ModelSignature;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ORT session and the options it was built with (ORT requires the options to outlive the session).
 * Thread-safe: {@link #newRunner()} from any thread; {@link #close()} once, after the drain.
 */
final class OrtLoadedModel implements LoadedModel {
  private static final Logger log = LoggerFactory.getLogger(OrtLoadedModel.class);

  private final String model;
  private final String sha256;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final OrtSession.SessionOptions options;
  private final ModelSignature signature;
  private final AtomicBoolean closed = new AtomicBoolean();

  OrtLoadedModel(String model, String sha256, OrtEnvironment env, OrtSession session,
      OrtSession.SessionOptions options, ModelSignature signature) {
    this.model = model;
    this.sha256 = sha256;
    this.env = env;
    this.session = session;
    this.options = options;
    this.signature = signature;
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public String sha256() {
    return sha256;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when this model is closed, or ORT cannot create the pinned tensors
   */
  @Override
  public ModelRunner newRunner() {
    if (closed.get()) {
      throw new IllegalStateException("model " + model + " is closed; cannot create a runner");
    }
    try {
      return new OrtModelRunner(model, env, session, signature);
    } catch (OrtException e) {
      throw new IllegalStateException("model " + model + ": cannot create runner tensors: " + e.getMessage(), e);
    }
  }

  /**
   * Releases the native session. Callers drain first: no run may be in flight, because ORT does not guard
   * a session against being freed under a running call. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      session.close();
    } catch (OrtException | RuntimeException e) {
      log.warn("model {}: closing the ORT session failed: {}", model, e.toString());
    } finally {
      options.close();
    }
  }

  @Override
  public String toString() {
    return "OrtLoadedModel[" + model + ", sha256=" + sha256 + ", " + signature.inputName()
        + Arrays.toString(signature.inputShape()) + " -> " + signature.outputName()
        + Arrays.toString(signature.outputShape()) + "]";
  }
}
